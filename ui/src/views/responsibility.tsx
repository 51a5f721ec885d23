import { request } from "../client";
import { Empty, Loaded } from "../components/states";
import type { ResponsibilityQuery, ResponsibilityQueryVariables } from "../generated/graphql";
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
