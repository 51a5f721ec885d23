import { request } from "../client";
import { Empty, Loaded } from "../components/states";
import { Table } from "../components/table";
import { addDays, isDay } from "../dates";
import type { ChangesQuery, ChangesQueryVariables } from "../generated/graphql";
import { useLoad, useTitle } from "../hooks";
import CHANGES from "../queries/changes.graphql?raw";
import { Link, navigate, nodeHref, withParams } from "../router";

type Json = Record<string, unknown> | null;

function show(value: unknown): string {
  return value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
}

/** What an audit entry changed: each key whose value differs, before and after. */
export function Diff({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Exclude<Json, null>, a = (after ?? {}) as Exclude<Json, null>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => show(b[k]) !== show(a[k])).sort();
  if (keys.length === 0) return null;
  return (
    <table class="diff">
      <caption class="sr-only">What changed</caption>
      <thead><tr><th scope="col">Key</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
      <tbody>{keys.map((k) => <tr><th scope="row">{k}</th><td><del>{show(b[k])}</del></td><td><ins>{show(a[k])}</ins></td></tr>)}</tbody>
    </table>
  );
}

type Row = ChangesQuery["changes"][number];

/** Entries on one page: the committee reads a page, and pages back by the newest or
 * oldest `seq` it shows, which makes the address a deep link that keeps the place. */
export const PAGE = 50;

function cursor(value: string | null): number | null {
  return value !== null && /^\d{1,9}$/.test(value) ? Number(value) : null;
}

/** A page of entries, newest first, and whether there are older and newer ones. */
function paged(changes: Row[], before: number | null, after: number | null) {
  if (after === null) {  // asked newest first, one more than a page to learn if there are older
    return { rows: changes.slice(0, PAGE), older: changes.length > PAGE, newer: before !== null };
  }
  return { rows: changes.slice(0, PAGE).reverse(), older: true, newer: changes.length > PAGE };
}

export function Changes({ url }: { url: URL }) {
  useTitle("Changes");
  const param = (key: string) => url.searchParams.get(key);
  const since = param("since"), until = param("until"), nodeId = param("node"), actor = param("actor");
  const before = cursor(param("before")), after = before === null ? cursor(param("after")) : null;
  const [load, retry] = useLoad(() => request<ChangesQuery, ChangesQueryVariables>(CHANGES, "Changes", {
    since: isDay(since) ? since : null, until: isDay(until) ? addDays(until, 1) : null, nodeId: nodeId || null,
    actor: actor || null, before, after, newestFirst: after === null, first: PAGE + 1 }), url.search);
  // A new filter starts again from the newest entry.
  const set = (key: string) => (e: Event) =>
    navigate(withParams(url, { [key]: (e.target as HTMLInputElement).value.trim(), before: null, after: null }));
  return (
    <section>
      <h1 tabIndex={-1}>Changes</h1>
      <form class="filters no-print" onSubmit={(e) => e.preventDefault()}>
        <div><label for="since">From</label><input id="since" type="date" value={since ?? ""} onChange={set("since")} /></div>
        <div><label for="until">To</label><input id="until" type="date" value={until ?? ""} onChange={set("until")} /></div>
        <div><label for="actor">Who</label><input id="actor" value={actor ?? ""} onChange={set("actor")} /></div>
        <div><label for="node">Node id</label><input id="node" value={nodeId ?? ""} onChange={set("node")} /></div>
        {nodeId && <p>Of <Link href={nodeHref(nodeId)}>{nodeId}</Link> only. <Link href={withParams(url, { node: null, before: null, after: null })}>All nodes</Link></p>}
      </form>
      <Loaded load={load} what="the audit trail" retry={retry}>
        {(data) => {
          const { rows, older, newer } = paged(data.changes, before, after);
          const pages = (
            <nav class="pages no-print" aria-label="Pages of the audit trail">
              {newer && <Link href={withParams(url, { before: null, after: null })}>Newest</Link>}
              {newer && rows.length > 0 && <Link href={withParams(url, { after: String(rows[0].seq), before: null })}>Newer</Link>}
              {older && rows.length > 0 && <Link href={withParams(url, { before: String(rows[rows.length - 1].seq), after: null })}>Older</Link>}
            </nav>
          );
          if (rows.length === 0) return <><Empty>No change recorded{before !== null || after !== null ? " on this page" : ""}.</Empty>{pages}</>;
          return (
            <>
              <p class="page-note">Entries {rows[0].seq} to {rows[rows.length - 1].seq}, newest first, {PAGE} a page.</p>
              <Table<Row> caption="The audit trail, newest first: who changed what, when" filename="steward-changes.csv"
                rows={rows} columns={[
                  { header: "When", cell: (r) => <time>{r.at.replace("T", " ").slice(0, 19)}</time>, csv: (r) => r.at },
                  { header: "Who", cell: (r) => r.actor, csv: (r) => r.actor },
                  { header: "What", cell: (r) => r.action, csv: (r) => r.action },
                  { header: "Node", cell: (r) => <Link href={nodeHref(r.target)}>{r.target}</Link>, csv: (r) => r.target },
                  { header: "Change", cell: (r) => <Diff before={r.before} after={r.after} />,
                    csv: (r) => JSON.stringify({ before: r.before, after: r.after }) },
                ]} />
              {pages}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
