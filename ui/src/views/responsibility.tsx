import { request } from "../client";
import { Empty, Loaded } from "../components/states";
import { Table } from "../components/table";
import { today } from "../dates";
import type {
  ResponsibilityQuery, ResponsibilityQueryVariables, UnownedQuery, UnownedQueryVariables,
} from "../generated/graphql";
import { useLoad, useTitle } from "../hooks";
import RESPONSIBILITY from "../queries/responsibility.graphql?raw";
import { Link, nodeHref } from "../router";

export function Responsibility({ id }: { id: string }) {
  useTitle(`Who answers for ${id}`);
  const [load, retry] = useLoad(() => request<ResponsibilityQuery, ResponsibilityQueryVariables>(
    RESPONSIBILITY, "Responsibility", { id }), id);
  return (
    <section>
      <h1 tabIndex={-1}>Who answers for <Link href={nodeHref(id)}>{id}</Link></h1>
      <Loaded load={load} what="responsibility" retry={retry}>
        {({ node, responsibility: r }) => (
          <>
            {node && <p>{node.label} {node.name}.</p>}
            <p class={r.accountable ? "" : "unsound-text"}>
              {r.accountable ? "Someone is accountable for it." : "Nobody is accountable for it: it is unowned."}{" "}
              {r.reachesCommittee ? "The chain reaches the governance committee." : "The chain does not reach the governance committee."}
            </p>
            {r.parties.length === 0 ? <Empty>No owner, steward or operator is recorded.</Empty> : (
              <table>
                <caption>Owners, stewards and operators, with the chain each answers through</caption>
                <thead><tr><th scope="col">Role</th><th scope="col">Who</th><th scope="col">Chain up to the committee</th></tr></thead>
                <tbody>{r.parties.map((p) => (
                  <tr><td>{p.role}</td><td><Link href={nodeHref(p.id)}>{p.name}</Link> <span class="label">{p.label}</span></td>
                    <td>{p.chain.length === 0 ? <span class="none">none</span>
                      : <ol class="chain">{p.chain.map((c) => <li><Link href={nodeHref(c)}>{c}</Link></li>)}</ol>}</td></tr>))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}

// The accountability checks (principle 10a) that name a node nobody answers for.
const UNANSWERED = new Set(["unowned", "purpose-without-owner", "not-accountable-to-committee"]);
type Finding = UnownedQuery["findings"][number];

/** /owners: what nobody answers for, or answers for outside the district's chain. */
export function Unowned() {
  useTitle("Responsibility");
  const asOf = today();
  const [load, retry] = useLoad(() => request<UnownedQuery, UnownedQueryVariables>(RESPONSIBILITY, "Unowned", { asOf }), asOf);
  return (
    <section>
      <h1 tabIndex={-1}>Responsibility</h1>
      <p>Who owns and stewards each node, and the chain up to the governance committee, is on each node's
        page (and at <code>/owners/&lt;id&gt;</code>). Here is what nobody, or nobody inside the district, answers for.</p>
      <Loaded load={load} what="the accountability checks" retry={retry}>
        {(data) => {
          const rows = data.findings.filter((f) => UNANSWERED.has(f.rule));
          return rows.length === 0 ? <Empty>Every governed node has an owner whose chain reaches the committee.</Empty> : (
            <Table<Finding> caption={`Nodes without an accountable owner, as of ${asOf}`} filename="steward-unowned.csv"
              rows={rows} rowClass={(f) => (f.rule === "unowned" || f.rule === "purpose-without-owner" ? "unowned" : "")} columns={[
                { header: "Node", cell: (f) => <Link href={`/owners/${encodeURIComponent(f.node)}`}>{f.node}</Link>, csv: (f) => f.node },
                { header: "Problem", cell: (f) => <span class={f.rule === "not-accountable-to-committee" ? "" : "unsound-text"}>
                  {f.rule === "not-accountable-to-committee" ? "Owned, but not accountable to the committee" : "Unowned"}</span>,
                  csv: (f) => f.rule },
                { header: "Finding", cell: (f) => f.message, csv: (f) => f.message },
                { header: "Remedy", cell: (f) => f.remedy, csv: (f) => f.remedy },
              ]} />
          );
        }}
      </Loaded>
    </section>
  );
}
