import { useMemo } from "preact/hooks";
import { request } from "../client";
import { Graph, type GraphEdge, type GraphNode } from "../components/graph";
import { Empty, Loaded } from "../components/states";
import { Table } from "../components/table";
import { isDay, today } from "../dates";
import type { LineageDirection, LineageQuery, LineageQueryVariables } from "../generated/graphql";
import { useLoad, useTitle } from "../hooks";
import LINEAGE from "../queries/lineage.graphql?raw";
import { Link, navigate, nodeHref, withParams } from "../router";

const DIRECTIONS: LineageDirection[] = ["DOWN", "UP", "BOTH"];
type Reach = LineageQuery["lineage"];
type Hop = Reach["flows"]["nodes"][number];
type Basis = Reach["bases"][number];
// Whether a basis or a flow holds on the day asked is the API's verdict (the catalog's
// predicates); the view only draws it.
interface Row { hop: Hop; bases: Basis[]; sound: boolean; mandate: boolean }

function rowsOf(reach: Reach): Row[] {
  const known = new Map(reach.bases.map((b) => [b.id, b]));
  return reach.flows.nodes.map((hop) => {
    const bases = hop.bases.map((id) => known.get(id) ?? { id, name: id, label: null, inForce: false });
    return { hop, bases, sound: hop.basisInForce, mandate: bases.some((b) => b.label === "Mandate") };
  });
}

function BasisList({ row }: { row: Row }) {
  if (row.bases.length === 0) {
    return row.sound ? <span class="none">none needed: it stays in the district</span> : <span class="unsound-text">No basis</span>;
  }
  return <>{row.bases.map((b, i) => (
    <>{i > 0 && ", "}<Link href={nodeHref(b.id)} class={b.inForce ? "" : "unsound-text"}>{b.name}</Link>
      {b.label === "Mandate" && <span class="tag">mandate</span>}
      {!b.inForce && <span class="unsound-text"> (not in force)</span>}</>
  ))}</>;
}

function Diagram({ reach, rows, names, providers }: {
  reach: Reach; rows: Row[]; names: Map<string, string>; providers: Set<string>;
}) {
  const [nodes, edges] = useMemo(() => {
    const starts = new Set(reach.starts);
    const graphNodes: GraphNode[] = reach.systems.nodes.map((s) => ({
      id: s.id,
      label: s.operator ? `${s.id}\n(${names.get(s.operator) ?? s.operator})` : s.id,
      classes: [starts.has(s.id) ? "start" : "", s.operator && providers.has(s.operator) ? "provider" : "",
        s.id === reach.root ? "root" : ""].join(" ").trim(),
    }));
    const present = new Set(graphNodes.map((n) => n.id));
    const graphEdges: GraphEdge[] = rows.filter((r) => present.has(r.hop.from) && present.has(r.hop.to)).map((r) => ({
      id: `flow:${r.hop.flow}`, source: r.hop.from, target: r.hop.to,
      label: `${r.hop.purposes.join(", ") || "no purpose"}\n${r.bases.length ? r.bases.map((b) => b.id + (b.inForce ? "" : " (expired)")).join(", ")
        : r.sound ? "internal" : "NO BASIS"}${r.mandate ? " (mandate: custody changes)" : ""}`,
      classes: [r.sound ? "" : "unsound", r.mandate ? "mandate" : ""].join(" ").trim(),
    }));
    return [graphNodes, graphEdges];
  }, [reach, rows]);
  const unsound = rows.filter((r) => !r.sound).length;
  // Tall enough for the widest column of systems (those as far from the start) to stay legible.
  const widest = Math.max(1, ...Object.values(reach.systems.nodes.reduce<Record<number, number>>((acc, s) => {
    acc[s.distance] = (acc[s.distance] ?? 0) + 1;
    return acc;
  }, {})));
  return <Graph nodes={nodes} edges={edges} onSelect={(id) => navigate(nodeHref(id))} height={Math.min(Math.max(widest * 90 + 60, 360), 4000)}
    description={`Lineage diagram: ${nodes.length} systems and ${edges.length} flows, ${unsound} without a basis in force. The table below lists the same flows.`} />;
}

export function LineageView({ id, url }: { id: string; url: URL }) {
  useTitle(`Lineage of ${id}`);
  const dirParam = (url.searchParams.get("direction") ?? "down").toUpperCase() as LineageDirection;
  const direction = DIRECTIONS.includes(dirParam) ? dirParam : "DOWN";
  const depth = Math.min(Math.max(Number(url.searchParams.get("depth")) || 5, 1), 20);
  const given = url.searchParams.get("asOf");
  const asOf = isDay(given) ? given : today();
  const [load, retry] = useLoad(async () => {
    const found = await request<LineageQuery, LineageQueryVariables>(LINEAGE, "Lineage", { id, direction, depth, asOf });
    return found.lineage;
  }, `${id}|${direction}|${depth}|${asOf}`);
  const set = (key: string) => (e: Event) => navigate(withParams(url, { [key]: (e.target as HTMLInputElement).value }));
  return (
    <section>
      <h1 tabIndex={-1}>Lineage of <Link href={nodeHref(id)}>{id}</Link></h1>
      <form class="filters no-print" onSubmit={(e) => e.preventDefault()}>
        <div><label for="direction">Direction</label>
          <select id="direction" value={direction.toLowerCase()} onChange={set("direction")}>
            <option value="down">Down: where it goes</option><option value="up">Up: where it came from</option>
            <option value="both">Both</option>
          </select></div>
        <div><label for="depth">Depth (flows)</label>
          <input id="depth" type="number" min={1} max={20} value={depth} onChange={set("depth")} /></div>
        <div><label for="asOf">Bases as of</label><input id="asOf" type="date" value={asOf} onChange={set("asOf")} /></div>
      </form>
      <Loaded load={load} what="the lineage" retry={retry}>
        {(reach) => {
          const names = new Map(reach.operators.map((o) => [o.id, o.name]));
          const rows = rowsOf(reach);
          const providers = new Set(reach.operators.filter((o) => !o.insideDistrict).map((o) => o.id));
          return reach.systems.nodes.length === 0 ? <Empty>No system holds or collects {id}: it goes nowhere.</Empty> : (
            <>
              <p>{reach.label} <code>{reach.root}</code> reaches {reach.systems.totalCount} systems through {reach.flows.totalCount} flows
                {reach.systems.hasNextPage && " (the first 500 shown)"}. Red flows have no basis in force on {asOf};
                dashed flows move custody under a mandate.</p>
              <Diagram reach={reach} rows={rows} names={names} providers={providers} />
              <h2>Organisations reached</h2>
              <ul class="providers">
                {reach.organizations.map((o) => <li><Link href={nodeHref(o)}>{names.get(o) ?? o}</Link>
                  {providers.has(o) && <span class="tag">provider</span>}</li>)}
              </ul>
              <h2>Flows</h2>
              {rows.length === 0 ? <Empty>The data stays where it is collected.</Empty> : (
                <Table<Row> caption={`Flows of ${id}, ${direction.toLowerCase()}, depth ${depth}, bases as of ${asOf}`}
                  filename={`steward-lineage-${id}.csv`} rows={rows}
                  rowClass={(r) => (r.sound ? "" : r.bases.length ? "basis-expired" : "basis-missing") + (r.mandate ? " mandate" : "")}
                  columns={[
                    { header: "Flow", cell: (r) => <Link href={nodeHref(r.hop.flow)}>{r.hop.name}</Link>, csv: (r) => r.hop.flow },
                    { header: "From", cell: (r) => <Link href={nodeHref(r.hop.from)}>{r.hop.from}</Link>, csv: (r) => r.hop.from },
                    { header: "To", cell: (r) => <Link href={nodeHref(r.hop.to)}>{r.hop.to}</Link>
                      , csv: (r) => r.hop.to },
                    { header: "Operator", cell: (r) => r.hop.targetOperator ? names.get(r.hop.targetOperator) ?? r.hop.targetOperator : "",
                      csv: (r) => r.hop.targetOperator },
                    { header: "Purposes", cell: (r) => r.hop.purposes.join(", "), csv: (r) => r.hop.purposes.join(" ") },
                    { header: "Legal basis", cell: (r) => <BasisList row={r} />,
                      csv: (r) => r.bases.map((b) => `${b.id}${b.inForce ? "" : " (not in force)"}`).join(" ") },
                    { header: "Carries", cell: (r) => r.hop.carries.join(", "), csv: (r) => r.hop.carries.join(" ") },
                  ]} />
              )}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
