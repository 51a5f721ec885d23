import { request } from "../client";
import { Empty, Loaded } from "../components/states";
import { Table } from "../components/table";
import { isDay, today } from "../dates";
import type {
  DeadlineStatus, DeadlinesQuery, DeadlinesQueryVariables, ProviderSystemsQuery, ProviderSystemsQueryVariables,
} from "../generated/graphql";
import { useLoad, useTitle } from "../hooks";
import DEADLINES from "../queries/deadlines.graphql?raw";
import { Link, navigate, nodeHref, withParams } from "../router";

const STATUSES: DeadlineStatus[] = ["OVERDUE", "DUE", "ON_HOLD", "ELIGIBLE", "SCHEDULED", "AWAITING_TRIGGER", "NO_RULE", "DESTROYED"];
const WORDS: Record<DeadlineStatus, string> = {
  OVERDUE: "Overdue", DUE: "Due", ON_HOLD: "On hold", ELIGIBLE: "Eligible", SCHEDULED: "Scheduled",
  AWAITING_TRIGGER: "Awaiting its trigger", NO_RULE: "No rule", DESTROYED: "Destroyed",
};

export function DeadlineStatusCell({ status }: { status: DeadlineStatus }) {
  return <span class={`status ${status}`}>{WORDS[status]}</span>;
}

type Row = DeadlinesQuery["deadlines"][number];
// The query's `first`: as many rows as a VIEWER's cost budget allows (tests/test_webui_cost.py).
const LIMIT = 2500;

const TIMED: DeadlineStatus[] = ["OVERDUE", "DUE", "ON_HOLD", "SCHEDULED"];

/** How many holdings fall due each year: the deadlines on a line, as bars. */
function Timeline({ rows }: { rows: Row[] }) {
  const years = new Map<string, Map<DeadlineStatus, number>>();
  for (const r of rows) {
    if (!r.dueOn || !TIMED.includes(r.status)) continue;
    const year = r.dueOn.slice(0, 4);
    const counts = years.get(year) ?? new Map<DeadlineStatus, number>();
    counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    years.set(year, counts);
  }
  if (years.size === 0) return null;
  const most = Math.max(...[...years.values()].map((c) => [...c.values()].reduce((a, b) => a + b, 0)));
  return (
    <table class="timeline">
      <caption>When they fall due, by year</caption>
      <thead><tr><th scope="col">Year</th><th scope="col">Holdings due</th></tr></thead>
      <tbody>
        {[...years.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([year, counts]) => (
          <tr><th scope="row">{year}</th><td>
            {TIMED.filter((s) => counts.has(s)).map((s) => (
              <span class={`bar ${s}`} style={{ width: `${(100 * counts.get(s)!) / most}%` }}
                title={`${WORDS[s]}: ${counts.get(s)}`}>{counts.get(s)} {WORDS[s].toLowerCase()}</span>
            ))}
          </td></tr>
        ))}
      </tbody>
    </table>
  );
}

/** A line per status: the timeline in numbers, each a link to the rows of that status. */
function Counts({ rows, truncated }: { rows: Row[]; truncated: boolean }) {
  const counts = STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  return (
    <p class="summary">
      {counts.map(([s, n], i) => <>{i > 0 && " · "}<DeadlineStatusCell status={s} /> {n}</>)}
      {truncated && <> · the first {LIMIT} rows only: narrow the filters to see the rest</>}
    </p>
  );
}

export function Deadlines({ url }: { url: URL }) {
  useTitle("Deadlines");
  const given = url.searchParams.get("asOf");
  const asOf = isDay(given) ? given : today();
  const status = url.searchParams.getAll("status").filter((s): s is DeadlineStatus => STATUSES.includes(s as DeadlineStatus));
  const system = url.searchParams.get("system");
  const element = url.searchParams.get("element");
  const cohort = url.searchParams.get("cohort");
  const provider = url.searchParams.get("provider");
  const [load, retry] = useLoad(async () => {
    // A provider's deadlines are those of the systems it operates.
    let systems = system ? [system] : null;
    if (provider) {
      const operated = await request<ProviderSystemsQuery, ProviderSystemsQueryVariables>(DEADLINES, "ProviderSystems", { provider });
      const ids = operated.systems.nodes.map((s) => s.id);
      systems = systems ? systems.filter((s) => ids.includes(s)) : ids;
      if (systems.length === 0) return { deadlines: [] };
    }
    return request<DeadlinesQuery, DeadlinesQueryVariables>(DEADLINES, "Deadlines", {
      asOf, status: status.length ? status : null, system: systems, cohort: cohort ? [cohort] : null });
  }, `${asOf}|${url.search}`);
  const set = (key: string) => (e: Event) => navigate(withParams(url, { [key]: (e.target as HTMLInputElement).value }));
  return (
    <section>
      <h1 tabIndex={-1}>Destruction deadlines</h1>
      <p class="print-only">As of {asOf}{status.length ? `, ${status.join(", ")}` : ""}</p>
      <form class="filters no-print" onSubmit={(e) => e.preventDefault()}>
        <div><label for="asOf">As of</label><input id="asOf" type="date" value={asOf} onChange={set("asOf")} /></div>
        <div><label for="status">Status</label>
          <select id="status" value={status[0] ?? ""} onChange={set("status")}>
            <option value="">Every status</option>
            {STATUSES.map((s) => <option value={s}>{WORDS[s]}</option>)}
          </select></div>
        <div><label for="system">System id</label><input id="system" value={system ?? ""} onChange={set("system")} /></div>
        <div><label for="provider">Provider id</label><input id="provider" value={provider ?? ""} onChange={set("provider")} /></div>
        <div><label for="cohort">Cohort</label><input id="cohort" value={cohort ?? ""} onChange={set("cohort")} /></div>
      </form>
      <Loaded load={load} what="deadlines" retry={retry}>
        {(data) => {
          // The urgent first: overdue, due, on hold..., each by its date.
          const rows = (element ? data.deadlines.filter((d) => d.element === element) : data.deadlines).slice().sort((a, b) =>
            STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) || (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999")
            || a.system.localeCompare(b.system) || a.element.localeCompare(b.element));
          return rows.length === 0 ? <Empty>No deadline matches these filters as of {asOf}.</Empty> : (
            <>
            <Counts rows={rows} truncated={data.deadlines.length === LIMIT} />
            <Timeline rows={rows} />
            <Table<Row> caption={`Destruction deadlines per holding and cohort, as of ${asOf}`}
              filename={`steward-deadlines-${asOf}.csv`} rows={rows} rowClass={(r) => `row-${r.status}`} columns={[
                { header: "Status", cell: (r) => <DeadlineStatusCell status={r.status} />, csv: (r) => r.status },
                { header: "Element", cell: (r) => <Link href={nodeHref(r.element)}>{r.element}</Link>, csv: (r) => r.element },
                { header: "System", cell: (r) => <Link href={nodeHref(r.system)}>{r.system}</Link>, csv: (r) => r.system },
                { header: "Cohort", cell: (r) => r.cohort ?? "", csv: (r) => r.cohort },
                { header: "Due by", cell: (r) => r.dueOn ?? "", csv: (r) => r.dueOn },
                { header: "Eligible from", cell: (r) => r.eligibleOn ?? "", csv: (r) => r.eligibleOn },
                { header: "Why", cell: (r) => <span class="explanation">{r.explanation}
                  {r.heldBy.length > 0 && <> Held by {r.heldBy.map((h) => <Link href={nodeHref(h)}>{h}</Link>)}.</>}</span>,
                  csv: (r) => r.explanation },
              ]} />
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
