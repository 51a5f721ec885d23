import { request } from "../client";
import { Empty, Loaded } from "../components/states";
import { Table } from "../components/table";
import { isDay } from "../dates";
import type { IncidentQuery, IncidentQueryVariables } from "../generated/graphql";
import { useLoad, useTitle } from "../hooks";
import INCIDENT from "../queries/incident.graphql?raw";
import { Link, nodeHref } from "../router";

type Duty = IncidentQuery["blastRadius"]["duties"][number];

function Ids({ title, ids }: { title: string; ids: string[] }) {
  return (
    <div><dt>{title} ({ids.length})</dt>
      <dd>{ids.length === 0 ? <span class="none">none</span>
        : <ul>{ids.map((id) => <li><Link href={nodeHref(id)}>{id}</Link></li>)}</ul>}</dd></div>
  );
}

export function IncidentView({ id, url }: { id: string; url: URL }) {
  useTitle(`Incident ${id}`);
  const given = url.searchParams.get("asOf");
  const asOf = isDay(given) ? given : null;
  const [load, retry] = useLoad(() => request<IncidentQuery, IncidentQueryVariables>(INCIDENT, "Incident", { id, asOf }), `${id}|${asOf}`);
  return (
    <section>
      <h1 tabIndex={-1}>Incident <Link href={nodeHref(id)}>{id}</Link></h1>
      <Loaded load={load} what="the blast radius" retry={retry}>
        {({ node, blastRadius: b }) => (
          <>
            {node && <p>{node.name}, discovered on {b.discoveredOn}.</p>}
            <h2>Blast radius</h2>
            <dl class="relationships">
              <Ids title="Named by the incident" ids={b.affected} />
              <Ids title="Systems affected" ids={b.systems} />
              <Ids title="Systems reached onward" ids={b.onwardSystems} />
              <Ids title="Elements exposed" ids={b.elements} />
              <Ids title="Flows carrying them onward" ids={b.flows} />
              <Ids title="Providers" ids={b.providers} />
              <Ids title="Agreements in force" ids={b.agreements} />
            </dl>
            {b.sensitiveCategories.length > 0 && <p>Sensitive categories: {b.sensitiveCategories.join(", ")}.</p>}
            <h2>Notice duties</h2>
            {b.duties.length === 0 ? <Empty>No notice is owed.</Empty> : (
              <Table<Duty> caption="Who must tell whom, by when" filename={`steward-incident-${id}.csv`} rows={b.duties}
                rowClass={(d) => `notice-${d.status}`} columns={[
                  { header: "Status", cell: (d) => <span class={`status ${d.status}`}>{d.status}</span>, csv: (d) => d.status },
                  { header: "By", cell: (d) => <Link href={nodeHref(d.by)}>{d.by}</Link>, csv: (d) => d.by },
                  { header: "To", cell: (d) => d.to, csv: (d) => d.to },
                  { header: "Period", cell: (d) => d.hours !== null ? `${d.hours} hours` : d.days !== null ? `${d.days} days` : "none",
                    csv: (d) => d.hours !== null ? `${d.hours}h` : d.days !== null ? `${d.days}d` : "" },
                  { header: "From", cell: (d) => d.startsOn ?? "not started", csv: (d) => d.startsOn },
                  { header: "Due on", cell: (d) => d.dueOn ?? "", csv: (d) => d.dueOn },
                  { header: "Given on", cell: (d) => d.givenOn ?? "", csv: (d) => d.givenOn },
                  { header: "Agreement", cell: (d) => d.agreement ? <Link href={nodeHref(d.agreement)}>{d.agreement}</Link> : "", csv: (d) => d.agreement },
                ]} />
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}
