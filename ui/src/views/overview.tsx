import { request } from "../client";
import { Empty, Failure, Loaded, Loading } from "../components/states";
import { addDays, isDay, today } from "../dates";
import type {
  CommitteeQuery, CommitteeQueryVariables, CountsQuery, CountsQueryVariables,
} from "../generated/graphql";
import { useLoad, useTitle } from "../hooks";
import OVERVIEW from "../queries/overview.graphql?raw";
import { Link, nodeHref } from "../router";
import { atLeast, useMe } from "../session";

function Counts() {
  const [load, retry] = useLoad(() => request<CountsQuery, CountsQueryVariables>(OVERVIEW, "Counts"), "counts");
  return (
    <Loaded load={load} what="the counts" retry={retry}>
      {(data) => (
        <dl class="counts">
          {([["Data elements", data.elements], ["Systems", data.systems], ["Flows", data.flows],
            ["Organisations", data.organizations], ["Agreements", data.agreements], ["Purposes", data.purposes]] as const)
            .map(([name, c]) => <div><dt>{name}</dt><dd>{c.totalCount}</dd></div>)}
        </dl>
      )}
    </Loaded>
  );
}

function Committee({ asOf }: { asOf: string }) {
  const [load, retry] = useLoad(() => request<CommitteeQuery, CommitteeQueryVariables>(
    OVERVIEW, "Committee", { asOf, since: addDays(asOf, -30) }), asOf);
  if (load.state === "error") return <Failure error={load.error} retry={retry} />;
  return (
    <Loaded load={load} what="the scorecard">
      {(data) => {
        const openIncidents = data.incidents.nodes.filter((i) => i.status !== "CLOSED");
        const openRequests = data.accessRequests.nodes.filter((r) => !r.answeredOn);
        const recent = data.changes; // the ten newest, newest first
        return (
          <>
            <h2>Principle scorecard</h2>
            <table class="scorecard">
              <caption>One row per Student Data Principle, as of {asOf}</caption>
              <thead><tr><th scope="col">Principle</th><th scope="col">Checks</th><th scope="col">Findings</th>
                <th scope="col">High</th><th scope="col">Medium</th><th scope="col">Low</th></tr></thead>
              <tbody>
                {data.scorecard.map((row) => (
                  <tr class={row.high ? "bad" : row.findings ? "warn" : "ok"}>
                    <th scope="row"><Link href={`/findings?principle=${row.principle}`}>{row.principle}. {row.title}</Link></th>
                    <td>{row.checks}</td><td>{row.findings}</td><td>{row.high}</td><td>{row.medium}</td><td>{row.low}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div class="tiles">
              <Link class="tile bad" href={`/deadlines?asOf=${asOf}&status=OVERDUE`}>
                <strong>{data.overdue.length}</strong> destruction deadlines overdue</Link>
              <Link class="tile warn" href={`/deadlines?asOf=${asOf}&status=DUE`}>
                <strong>{data.due.length}</strong> due in the next 90 days</Link>
              <div class="tile"><strong>{openIncidents.length}</strong> open incidents
                <ul>{openIncidents.map((i) => <li><Link href={`/incidents/${encodeURIComponent(i.id)}`}>{i.name}</Link></li>)}</ul></div>
              <div class="tile"><strong>{openRequests.length}</strong> open access requests
                <ul>{openRequests.map((r) => <li><Link href={nodeHref(r.id)}>{r.name}</Link> (received {r.receivedOn})</li>)}</ul></div>
            </div>
            <h2>Recent changes</h2>
            {recent.length === 0 ? <Empty>No change in the last 30 days.</Empty> : (
              <ul class="changes">
                {recent.map((c) => <li><time>{c.at.slice(0, 16).replace("T", " ")}</time> {c.actor} {c.action}d{" "}
                  <Link href={nodeHref(c.target)}>{c.target}</Link></li>)}
              </ul>
            )}
            <p><Link href="/changes">The whole audit trail</Link></p>
          </>
        );
      }}
    </Loaded>
  );
}

export function Overview({ url }: { url: URL }) {
  useTitle("Overview");
  const given = url.searchParams.get("asOf");
  const asOf = isDay(given) ? given : today();
  const me = useMe();
  return (
    <section>
      <h1 tabIndex={-1}>Overview</h1>
      <Counts />
      {me === null ? <Loading what="who you are" /> : atLeast(me, "VIEWER") ? <Committee asOf={asOf} /> : (
        <p class="note">The scorecard, deadlines, incidents and changes are for the district's staff:{" "}
          <Link href="/sign-in">sign in with a token</Link> to see them. The public inventory is at{" "}
          <a href="/inventory">/inventory</a>.</p>
      )}
    </section>
  );
}
