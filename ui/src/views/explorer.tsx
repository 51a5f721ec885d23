import { useMemo, useState } from "preact/hooks";
import { request } from "../client";
import { Graph, type GraphEdge, type GraphNode } from "../components/graph";
import { Empty, Failure } from "../components/states";
import type { NeighboursQuery, NeighboursQueryVariables } from "../generated/graphql";
import { useLoad, useTitle } from "../hooks";
import EXPLORE from "../queries/explore.graphql?raw";
import { Link, navigate, nodeHref, withParams } from "../router";
import { atLeast, whoAmI } from "../session";

type Ref = NeighboursQuery["neighbours"]["nodes"][number];
interface Seen {
  nodes: Map<string, Ref>;
  edges: Map<string, { source: string; target: string; type: string }>;
  expanded: Set<string>;
  cut: boolean; // some node had more relationships than a page holds
}

const EMPTY: Seen = { nodes: new Map(), edges: new Map(), expanded: new Set(), cut: false };
const BATCH = 500; // ids per request: the API's largest
// Relationships per request: what a query may cost is smaller for an anonymous caller.
const EDGES = 5000, PUBLIC_EDGES = 1000;

/** `seen` with the neighbours of `ids`, asked for in a few requests rather than one per
 * node: a batch that brings back a full page is asked again in halves, down to one node. */
async function expand(seen: Seen, ids: string[]): Promise<Seen> {
  const nodes = new Map(seen.nodes), edges = new Map(seen.edges), expanded = new Set(seen.expanded);
  let cut = seen.cut;
  const first = atLeast(await whoAmI().catch(() => null), "VIEWER") ? EDGES : PUBLIC_EDGES;
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += BATCH) batches.push(ids.slice(i, i + BATCH));
  for (let batch = batches.shift(); batch; batch = batches.shift()) {
    const { neighbours } = await request<NeighboursQuery, NeighboursQueryVariables>(EXPLORE, "Neighbours", { ids: batch, first });
    if (!neighbours.complete && batch.length > 1) {
      const half = Math.ceil(batch.length / 2);
      batches.unshift(batch.slice(0, half), batch.slice(half));
      continue;
    }
    for (const node of neighbours.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
    for (const e of neighbours.edges) edges.set(`${e.source}|${e.type}|${e.target}`, e);
    batch.forEach((id) => expanded.add(id));
    cut ||= !neighbours.complete;
  }
  return { nodes, edges, expanded, cut };
}

export function Explorer({ url }: { url: URL }) {
  useTitle("Graph explorer");
  const from = url.searchParams.get("from") ?? "";
  const [seen, setSeen] = useState<Seen>(EMPTY);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [hiddenTypes, setHiddenTypes] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  // Several starts, comma-separated, put their neighbourhoods side by side.
  const starts = from.split(",").map((id) => id.trim()).filter(Boolean);
  const [start] = useLoad(async () => {
    const grown = await expand(EMPTY, starts);
    setSeen(grown);
    setSelected(starts[0] ?? null);
    return grown;
  }, from);
  const grow = (ids: string[]) => {
    setBusy(true);
    expand(seen, ids).then(setSeen, setError).finally(() => setBusy(false));
  };
  const labels = [...new Set([...seen.nodes.values()].map((n) => n.label))].sort();
  const types = [...new Set([...seen.edges.values()].map((e) => e.type))].sort();
  const [nodes, edges] = useMemo(() => {
    // A node shows when its label does and a relationship of a shown type reaches it (or it is a start).
    const byLabel = new Set([...seen.nodes.values()].filter((n) => !hidden.has(n.label)).map((n) => n.id));
    const kept = [...seen.edges.entries()].filter(([, e]) => !hiddenTypes.has(e.type) && byLabel.has(e.source) && byLabel.has(e.target));
    const linked = new Set([...starts, ...kept.flatMap(([, e]) => [e.source, e.target])]);
    const shown = [...seen.nodes.values()].filter((n) => byLabel.has(n.id) && linked.has(n.id));
    const graphNodes: GraphNode[] = shown.map((n) => ({ id: n.id, label: n.name, classes: `label-${n.label}${n.sensitivity ? ` sensitivity-${n.sensitivity}` : ""}` }));
    const graphEdges: GraphEdge[] = kept.map(([key, e]) => ({ id: key, source: e.source, target: e.target, label: e.type }));
    return [graphNodes, graphEdges];
  }, [seen, hidden, hiddenTypes]);
  const toggle = (set: Set<string>, value: string, update: (next: Set<string>) => void) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value); else next.add(value);
    update(next);
  };
  const current = selected ? seen.nodes.get(selected) : undefined;
  const unexpanded = nodes.filter((n) => !seen.expanded.has(n.id)).map((n) => n.id);
  return (
    <section>
      <h1 tabIndex={-1}>Graph explorer</h1>
      <form class="filters no-print" onSubmit={(e) => { e.preventDefault();
        navigate(withParams(url, { from: ((e.target as HTMLFormElement).elements.namedItem("from") as HTMLInputElement).value.trim() })); }}>
        <div><label for="from">Start from (ids, separated by commas)</label><input id="from" name="from" defaultValue={from} /></div>
        <button type="submit">Start</button>
      </form>
      {!from ? <Empty>Give the id of a node to start from, or choose “Explore around it” on a node's page.</Empty>
        : start.state === "loading" ? <p role="status">Loading {from}…</p>
        : start.state === "error" ? <Failure error={start.error} />
        : seen.nodes.size === 0 ? <Empty>There is no node <code>{from}</code>, or you may not see it.</Empty> : (
          <>
            <p class="graph-count">{nodes.length} nodes and {edges.length} relationships shown. Select a node to see it; expand it to add its neighbours.
              {seen.cut && " Some nodes have more relationships than one expansion brings: not all of them are shown."}</p>
            {error && <Failure error={error} />}
            <fieldset class="filters"><legend>Show labels</legend>
              {labels.map((label) => (
                <label class="check"><input type="checkbox" checked={!hidden.has(label)}
                  onChange={() => toggle(hidden, label, setHidden)} /> {label}</label>))}
            </fieldset>
            <fieldset class="filters"><legend>Follow relationships</legend>
              {types.map((type) => (
                <label class="check"><input type="checkbox" checked={!hiddenTypes.has(type)}
                  onChange={() => toggle(hiddenTypes, type, setHiddenTypes)} /> {type}</label>))}
            </fieldset>
            <p class="no-print">
              <button type="button" class="expand-all" disabled={busy || unexpanded.length === 0} onClick={() => grow(unexpanded)}>
                {busy ? "Expanding…" : `Expand the ${unexpanded.length} nodes shown not yet expanded`}</button>
            </p>
            <Graph nodes={nodes} edges={edges} layout="cose" onSelect={setSelected}
              description={`Graph of ${nodes.length} nodes around ${from}. The list beside it has the same nodes.`} />
            {current && (
              <div class="panel">
                <h2>{current.name}</h2>
                <p>{current.label} <code>{current.id}</code> · <Link href={nodeHref(current.id)}>Open its page</Link>{" "}
                  <button type="button" disabled={busy || seen.expanded.has(current.id)} onClick={() => grow([current.id])}>
                    {seen.expanded.has(current.id) ? "Its neighbours are shown" : "Expand its neighbours"}</button></p>
              </div>
            )}
            <details><summary>Nodes as a list</summary>
              <ul class="hits">{nodes.map((n) => <li><button type="button" class="linkish" onClick={() => setSelected(n.id)}>{n.label}</button></li>)}</ul>
            </details>
          </>
        )}
    </section>
  );
}
