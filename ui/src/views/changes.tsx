import { request } from "../client";
import { Empty, Loaded } from "../components/states";
import { Table } from "../components/table";
import { isDay } from "../dates";
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

export function Changes({ url }: { url: URL }) {
  useTitle("Changes");
  const since = url.searchParams.get("since");
  const nodeId = url.searchParams.get("node");
  const [load, retry] = useLoad(() => request<ChangesQuery, ChangesQueryVariables>(CHANGES, "Changes", {
    since: isDay(since) ? since : null, nodeId: nodeId || null, first: 500 }), url.search);
  return (
    <section>
      <h1 tabIndex={-1}>Changes</h1>
      <form class="filters no-print" onSubmit={(e) => e.preventDefault()}>
        <label for="since">Since</label>
        <input id="since" type="date" value={since ?? ""}
          onChange={(e) => navigate(withParams(url, { since: (e.target as HTMLInputElement).value }))} />
        {nodeId && <p>Of <Link href={nodeHref(nodeId)}>{nodeId}</Link> only. <Link href={withParams(url, { node: null })}>All nodes</Link></p>}
      </form>
      <Loaded load={load} what="the audit trail" retry={retry}>
        {(data) => data.changes.length === 0 ? <Empty>No change recorded{since ? ` since ${since}` : ""}.</Empty> : (
          <Table<Row> caption="The audit trail, newest first: who changed what, when" filename="steward-changes.csv"
            rows={data.changes.slice().reverse()} columns={[
              { header: "When", cell: (r) => <time>{r.at.replace("T", " ").slice(0, 19)}</time>, csv: (r) => r.at },
              { header: "Who", cell: (r) => r.actor, csv: (r) => r.actor },
              { header: "What", cell: (r) => r.action, csv: (r) => r.action },
              { header: "Node", cell: (r) => <Link href={nodeHref(r.target)}>{r.target}</Link>, csv: (r) => r.target },
              { header: "Change", cell: (r) => <Diff before={r.before} after={r.after} />,
                csv: (r) => JSON.stringify({ before: r.before, after: r.after }) },
            ]} />
        )}
      </Loaded>
    </section>
  );
}
