import type { ComponentChildren } from "preact";
import { request } from "../client";
import { Empty, Failure, Loaded } from "../components/states";
import { today } from "../dates";
import type {
  NodeDeadlinesQuery, NodeDeadlinesQueryVariables, NodeGovernanceQuery, NodeGovernanceQueryVariables,
  NodePageQuery, NodePageQueryVariables,
} from "../generated/graphql";
import { useLoad, useTitle } from "../hooks";
import NODE from "../queries/node.graphql?raw";
import { Link, nodeHref } from "../router";
import { atLeast, useMe } from "../session";
import { Diff } from "./changes";
import { DeadlineStatusCell } from "./deadlines";

interface Ref { id: string; label: string; name: string }

function isRef(value: unknown): value is Ref {
  return typeof value === "object" && value !== null && "id" in value && "label" in value && "name" in value;
}

// GraphQL field names in words: `heldBy` -> "held by".
function words(name: string): string {
  return name.replace(/([A-Z])/g, " $1").toLowerCase();
}

function RefLink({ node }: { node: Ref }) {
  return <><Link href={nodeHref(node.id)}>{node.name}</Link> <span class="label">{node.label}</span></>;
}

/** A related item: a node, or a record holding one (a holding, a grant, a derivation). */
function Related({ item }: { item: unknown }) {
  if (isRef(item)) return <RefLink node={item} />;
  if (typeof item !== "object" || item === null) return <>{String(item)}</>;
  const entries = Object.entries(item as Record<string, unknown>);
  return (
    <>{entries.map(([key, value], i) => (
      <>{i > 0 && " · "}{isRef(value) ? <RefLink node={value} /> : value === null ? null : <>{words(key)} {String(value)}</>}</>
    ))}</>
  );
}

type Page = NonNullable<NodePageQuery["node"]>;
const HEAD = new Set(["id", "label", "name", "description", "__typename"]);

function split(node: Page): [[string, unknown][], [string, unknown[]][]] {
  const properties: [string, unknown][] = [];
  const relationships: [string, unknown[]][] = [];
  for (const [key, value] of Object.entries(node)) {
    if (HEAD.has(key)) continue;
    if (Array.isArray(value) && value.some((v) => typeof v === "object")) relationships.push([key, value]);
    else if (Array.isArray(value) && value.length === 0) relationships.push([key, value]);
    else if (isRef(value)) relationships.push([key, [value]]);
    else if (typeof value === "object" && value !== null && !Array.isArray(value)) properties.push([key, Object.values(value).filter(Boolean).join(", ")]);
    else properties.push([key, value]);
  }
  return [properties, relationships.filter(([, items]) => items.length > 0)];
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return <section class="panel"><h2>{title}</h2>{children}</section>;
}

function Governance({ node }: { node: Page }) {
  const asOf = today();
  const [load, retry] = useLoad(() => request<NodeGovernanceQuery, NodeGovernanceQueryVariables>(
    NODE, "NodeGovernance", { id: node.id, asOf }), node.id);
  const scoped = node.label === "DataElement" ? { element: [node.id], system: null }
    : node.label === "System" ? { system: [node.id], element: null } : null;
  const [deadlines] = useLoad(() => scoped ? request<NodeDeadlinesQuery, NodeDeadlinesQueryVariables>(
    NODE, "NodeDeadlines", { asOf, ...scoped }) : Promise.resolve({ deadlines: [] }), node.id);
  return (
    <Loaded load={load} what="responsibility, findings and history" retry={retry}>
      {(data) => {
        const findings = data.findings.filter((f) => f.node === node.id || f.elements.includes(node.id));
        return (
          <>
            <Section title="Who answers for it">
              {data.responsibility.parties.length === 0 ? <p class="bad-text">Nobody: it is unowned.</p> : (
                <ul>{data.responsibility.parties.map((p) => (
                  <li>{p.role}: <Link href={nodeHref(p.id)}>{p.name}</Link>
                    {p.chain.length > 0 && <> (reports through {p.chain.join(" → ")})</>}</li>))}</ul>
              )}
              <p>{data.responsibility.reachesCommittee ? "The chain reaches the governance committee." : "The chain does not reach the governance committee."}{" "}
                <Link href={`/owners/${encodeURIComponent(node.id)}`}>Responsibility in full</Link></p>
            </Section>
            {scoped && (
              <Section title="Destruction deadlines">
                {deadlines.state === "loading" ? <p role="status">Loading deadlines…</p>
                  : deadlines.state === "error" ? <Failure error={deadlines.error} />
                  : deadlines.data.deadlines.length === 0 ? <Empty>No holding of it has a deadline.</Empty> : (
                    <ul>{deadlines.data.deadlines.map((d) => (
                      <li><DeadlineStatusCell status={d.status} /> {d.element} in {d.system}{d.cohort && ` (cohort ${d.cohort})`}: {d.explanation}</li>))}</ul>
                  )}
                <p><Link href={`/deadlines?${node.label === "System" ? "system" : "element"}=${encodeURIComponent(node.id)}`}>All its deadlines</Link></p>
              </Section>
            )}
            <Section title="Findings">
              {findings.length === 0 ? <Empty>No finding names it.</Empty> : (
                <ul>{findings.map((f) => (
                  <li><span class={`severity ${f.severity}`}>{f.severity}</span> Principle {f.principle}: {f.message} <em>Remedy:</em> {f.remedy}</li>))}</ul>
              )}
            </Section>
            <Section title="History">
              {data.changes.length === 0 ? <Empty>No change recorded since it was loaded.</Empty> : (
                <ol class="history">{data.changes.map((c) => (
                  <li><time>{c.at.replace("T", " ").slice(0, 19)}</time> {c.actor} {c.action}d it<Diff before={c.before} after={c.after} /></li>))}</ol>
              )}
            </Section>
          </>
        );
      }}
    </Loaded>
  );
}

function Body({ node }: { node: Page }) {
  const [properties, relationships] = split(node);
  const me = useMe();
  return (
    <>
      <p class="kind">{node.label} <code>{node.id}</code></p>
      {node.description && <p class="lead">{node.description}</p>}
      <p class="actions">
        {(node.label === "DataElement" || node.label === "System") && (
          <Link href={`/lineage/${encodeURIComponent(node.id)}?direction=down&depth=5`}>Lineage</Link>)}
        <Link href={`/owners/${encodeURIComponent(node.id)}`}>Responsibility</Link>
        {node.label === "Incident" && <Link href={`/incidents/${encodeURIComponent(node.id)}`}>Blast radius</Link>}
        <Link href={`/explore?from=${encodeURIComponent(node.id)}`}>Explore around it</Link>
        {atLeast(me, "STEWARD") && <Link href={`/curate/edit/${encodeURIComponent(node.id)}`}>Edit</Link>}
      </p>
      <div class="columns">
        <Section title="Properties">
          <dl class="properties">
            {properties.map(([key, value]) => (
              <div><dt>{words(key)}</dt><dd>{value === null || value === undefined ? <span class="none">not given</span>
                : Array.isArray(value) ? value.join(", ") : String(value)}</dd></div>
            ))}
          </dl>
        </Section>
        <Section title="Relationships">
          {relationships.length === 0 ? <Empty>It is linked to nothing you may see.</Empty> : (
            <dl class="relationships">
              {relationships.map(([key, items]) => (
                <div><dt>{words(key)} ({items.length})</dt>
                  <dd><ul>{items.map((item) => <li><Related item={item} /></li>)}</ul></dd></div>
              ))}
            </dl>
          )}
        </Section>
      </div>
      {atLeast(me, "VIEWER") ? <Governance node={node} /> : me?.role === "PUBLIC" && (
        <p class="note"><Link href="/sign-in">Sign in</Link> to see who answers for it, its deadlines, findings and history.</p>
      )}
    </>
  );
}

export function NodePage({ id }: { id: string }) {
  const [load, retry] = useLoad(() => request<NodePageQuery, NodePageQueryVariables>(NODE, "NodePage", { id }), id);
  const name = load.state === "done" && load.data.node ? load.data.node.name : id;
  useTitle(name);
  const me = useMe();
  return (
    <section>
      <h1 tabIndex={-1}>{name}</h1>
      <Loaded load={load} what={id} retry={retry}>
        {(data) => data.node ? <Body node={data.node} /> : (
          <Empty>There is no node <code>{id}</code>, or you may not see it.{me?.role === "PUBLIC" ? " Signing in may show it." : ""}</Empty>
        )}
      </Loaded>
    </section>
  );
}
