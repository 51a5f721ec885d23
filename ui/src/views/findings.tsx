import { request } from "../client";
import { Empty, Loaded } from "../components/states";
import { Table } from "../components/table";
import { isDay, today } from "../dates";
import type { FindingsQuery, FindingsQueryVariables, Severity } from "../generated/graphql";
import { useLoad, useTitle } from "../hooks";
import FINDINGS from "../queries/findings.graphql?raw";
import { Link, navigate, nodeHref, withParams } from "../router";

const SEVERITIES: Severity[] = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];
type Row = FindingsQuery["findings"][number];
// The query's `first`: as many rows as a VIEWER's cost budget allows (tests/test_webui_cost.py).
const LIMIT = 4000;

export function Findings({ url }: { url: URL }) {
  useTitle("Findings");
  const given = url.searchParams.get("asOf");
  const asOf = isDay(given) ? given : today();
  const principle = url.searchParams.get("principle") || null;
  const severityParam = url.searchParams.get("severity");
  const severity = SEVERITIES.includes(severityParam as Severity) ? (severityParam as Severity) : null;
  const [load, retry] = useLoad(() => request<FindingsQuery, FindingsQueryVariables>(FINDINGS, "Findings", {
    asOf, principle, severity }), `${asOf}|${principle}|${severity}`);
  const set = (key: string) => (e: Event) => navigate(withParams(url, { [key]: (e.target as HTMLInputElement).value }));
  return (
    <section>
      <h1 tabIndex={-1}>Findings</h1>
      <Loaded load={load} what="findings" retry={retry}>
        {(data) => {
          const titles = new Map(data.scorecard.map((row) => [row.principle, row.title]));
          const rank = (s: Severity) => SEVERITIES.indexOf(s);
          const rows = data.findings.slice().sort((a, b) =>
            Number(a.principle) - Number(b.principle) || rank(a.severity) - rank(b.severity) || a.node.localeCompare(b.node));
          return (
            <>
              <p class="print-only">As of {asOf}{principle ? `, principle ${principle}` : ""}{severity ? `, ${severity}` : ""}</p>
              <form class="filters no-print" onSubmit={(e) => e.preventDefault()}>
                <div><label for="asOf">As of</label><input id="asOf" type="date" value={asOf} onChange={set("asOf")} /></div>
                <div><label for="principle">Principle</label>
                  <select id="principle" value={principle ?? ""} onChange={set("principle")}>
                    <option value="">Every principle</option>
                    {data.scorecard.map((r) => <option value={r.principle}>{r.principle}. {r.title}</option>)}
                  </select></div>
                <div><label for="severity">Severity</label>
                  <select id="severity" value={severity ?? ""} onChange={set("severity")}>
                    <option value="">Every severity</option>
                    {SEVERITIES.map((s) => <option value={s}>{s}</option>)}
                  </select></div>
              </form>
              {data.findings.length === LIMIT &&
                <p role="status">The first {LIMIT} findings only: narrow by principle or severity to see the rest.</p>}
              {rows.length === 0 ? <Empty>No finding{principle ? ` under principle ${principle}` : ""} as of {asOf}.</Empty> : (
                <Table<Row> caption={`Findings by principle and severity, as of ${asOf}`} filename={`steward-findings-${asOf}.csv`}
                  rows={rows} rowClass={(r) => `severity-${r.severity}`} columns={[
                    { header: "Principle", cell: (r) => `${r.principle}. ${titles.get(r.principle) ?? ""}`, csv: (r) => r.principle },
                    { header: "Severity", cell: (r) => <span class={`severity ${r.severity}`}>{r.severity}</span>, csv: (r) => r.severity },
                    { header: "Node", cell: (r) => <Link href={nodeHref(r.node)}>{r.node}</Link>, csv: (r) => r.node },
                    { header: "Finding", cell: (r) => <>{r.message}{r.elements.length > 0 && <> ({r.elements.map((e, i) =>
                      <>{i > 0 && ", "}<Link href={nodeHref(e)}>{e}</Link></>)})</>}</>, csv: (r) => r.message },
                    { header: "Remedy", cell: (r) => r.remedy, csv: (r) => r.remedy },
                    { header: "Rule", cell: (r) => <code>{r.rule}</code>, csv: (r) => r.rule },
                  ]} />
              )}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
