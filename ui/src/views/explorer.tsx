import { useMemo, useState } from "preact/hooks";
import { request } from "../client";
import { Graph, type GraphEdge, type GraphNode } from "../components/graph";
import { Empty, Failure } from "../components/states";
import type { NodePageQuery, NodePageQueryVariables } from "../generated/graphql";
import { useLoad, useTitle } from "../hooks";
import NODE from "../queries/node.graphql?raw";
import { Link, navigate, nodeHref, withParams } from "../router";

interface Ref { id: string; label: string; name: string; sensitivity?: string | null }
interface Seen { nodes: Map<string, Ref>; edges: Map<string, { source: string; target: string; type: string }> }

function neighbours(node: Record<string, unknown>): [string, Ref][] {
  const out: [string, Ref][] = [];
  const add = (type: string, value: unknown) => {
    if (value && typeof value === "object" && "id" in value && "label" in value) out.push([type, value as Ref]);
    else if (value && typeof value === "object") for (const inner of Object.values(value)) add(type, inner);
  };
  for (const [key, value] of Object.entries(node)) {
    if (Array.isArray(value)) value.forEach((v) => add(key, v));
    else if (value && typeof value === "object") add(key, value);
  }
  return out;
}

async function expand(seen: Seen, id: string): Promise<Seen> {
  const { node } = await request<NodePageQuery, NodePageQueryVariables>(NODE, "NodePage", { id });
  if (!node) return seen;
  const nodes = new Map(seen.nodes), edges = new Map(seen.edges);
  const sensitivity = "sensitivity" in node ? node.sensitivity : null;
  nodes.set(node.id, { id: node.id, label: node.label, name: node.name, sensitivity });
  for (const [type, other] of neighbours(node as Record<string, unknown>)) {
    if (!nodes.has(other.id)) nodes.set(other.id, other);
    edges.set(`${node.id}|${type}|${other.id}`, { source: node.id, target: other.id, type });
  }
  return { nodes, edges };
}

export function Explorer({ url }: { url: URL }) {
  useTitle("Graph explorer");
  const from = url.searchParams.get("from") ?? "";
  const [seen, setSeen] = useState<Seen>({ nodes: new Map(), edges: new Map() });
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [hiddenTypes, setHiddenTypes] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  // Several starts, comma-separated, put their neighbourhoods side by side.
  const starts = from.split(",").map((id) => id.trim()).filter(Boolean);
  const [start] = useLoad(async () => {
    let grown: Seen = { nodes: new Map(), edges: new Map() };
    for (const id of starts) grown = await expand(grown, id);
    setSeen(grown);
    setSelected(starts[0] ?? null);
    return grown;
  }, from);
  const grow = (id: string) => expand(seen, id).then(setSeen, setError);
  const labels = [...new Set([...seen.nodes.values()].map((n) => n.label))].sort();
  const types = [...new Set([...seen.edges.values()].map((e) => e.type))].sort();
  const [nodes, edges] = useMemo(() => {
    // A node shows when its label does and a relationship of a shown type reaches it (or it is the start).
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
            <p>{nodes.length} nodes and {edges.length} relationships shown. Select a node to see it; expand it to add its neighbours.</p>
            <Graph nodes={nodes} edges={edges} layout="cose" onSelect={setSelected}
              description={`Graph of ${nodes.length} nodes around ${from}. The list beside it has the same nodes.`} />
            {current && (
              <div class="panel">
                <h2>{current.name}</h2>
                <p>{current.label} <code>{current.id}</code> · <Link href={nodeHref(current.id)}>Open its page</Link>{" "}
                  <button type="button" onClick={() => grow(current.id)}>Expand its neighbours</button></p>
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
