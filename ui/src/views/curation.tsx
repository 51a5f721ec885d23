import { useState } from "preact/hooks";
import { ApiError, request } from "../client";
import { Empty, Failure, Loaded, Loading } from "../components/states";
import { createNode, deleteNode, type Fields, updateNode } from "../curation";
import { type Field, type Form, FORMS, camel, currentValue, parsed } from "../forms";
import type { ChangesQuery, ChangesQueryVariables, NodePageQuery, NodePageQueryVariables } from "../generated/graphql";
import { useLoad, useTitle } from "../hooks";
import CHANGES from "../queries/changes.graphql?raw";
import NODE from "../queries/node.graphql?raw";
import { Link, navigate, nodeHref } from "../router";
import { atLeast, useMe } from "../session";
import { Diff } from "./changes";

type Page = NonNullable<NodePageQuery["node"]>;
type Change = ChangesQuery["changes"][number];

/** The form field a problem is about. A typed mutation names it as a path inside its
 * argument, in camelCase (`input.sensitivity`, `patch.standardRef`, `input.id`). */
function fieldOf(path: string, message: string, fields: Field[]): string | null {
  const steps = path.split(/[.[\]]/).filter(Boolean);
  if (steps[0] === "input" || steps[0] === "patch") steps.shift();
  // A field missing or unknown is reported on the whole argument, and named in the message.
  const named = /field '(\w+)'/.exec(message);
  if (steps.length === 0 && named) steps.push(named[1]);
  if (steps[0] === "id") return "id";
  const match = fields.find((f) => steps[0] === camel(f.key) || steps[0] === f.key);
  if (match) return match.key;
  // A message that names no field may still name the key in its text.
  return fields.find((f) => new RegExp(`\\b(${f.key}|${camel(f.key)})\\b`).test(message))?.key ?? null;
}

/** graphql-core says where a bad variable value is in words first; the field shows where. */
function withoutWhere(message: string): string {
  return message.replace(/^Variable '\$\w+' (?:got|has) invalid value[^:;]*[:;] /, "");
}

function Input({ field, value, error, onInput }: {
  field: Field; value: string; error?: string; onInput: (value: string) => void;
}) {
  const id = `field-${field.key}`;
  const described = error ? `${id}-error` : undefined;
  const common = { id, name: field.key, "aria-invalid": error ? ("true" as const) : undefined, "aria-describedby": described };
  const set = (e: Event) => onInput((e.target as HTMLInputElement).value);
  return (
    <div class={`field${error ? " invalid" : ""}`}>
      <label for={id}>{field.label}{field.required && " (required)"}</label>
      {field.kind === "long" ? <textarea {...common} rows={3} value={value} onInput={set} />
        : field.kind === "bool" ? (
          <select {...common} value={value} onChange={set}>
            <option value="">not given</option><option value="true">yes</option><option value="false">no</option>
          </select>)
        : <input {...common} type={field.kind === "date" ? "date" : "text"} value={value} onInput={set}
            list={field.options ? `${id}-options` : undefined} autoComplete="off" />}
      {field.options && <datalist id={`${id}-options`}>{field.options.map((o) => <option value={o} />)}</datalist>}
      {error && <p id={described} class="field-error">{error}</p>}
    </div>
  );
}

function Editor({ form, label, node }: { form: Form; label: string; node: Page | null }) {
  const initial = Object.fromEntries(form.fields.map((f) => [f.key, node ? currentValue(node, f) : ""]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [newId, setNewId] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Change | null>(null);
  const [confirming, setConfirming] = useState(false);

  const fail = (caught: unknown) => {
    const items = caught instanceof ApiError ? caught.errors : [{ message: (caught as Error).message }];
    const byField: Record<string, string> = {};
    const rest: string[] = [];
    for (const item of items) {
      // A refused change lists its problems, each with the path it is about; a value of
      // the wrong kind (outside its enum, a bad date) names its path in `field`.
      const problems = (item.extensions?.problems ?? []) as { key?: string | null; message: string }[];
      for (const problem of problems.length ? problems : [{ key: null, message: item.message }]) {
        const path = problem.key ?? String(item.extensions?.field ?? "");
        const message = withoutWhere(problem.message);
        const key = fieldOf(path, message, form.fields);
        if (key) byField[key] = byField[key] ? `${byField[key]}; ${message}` : message;
        else rest.push(problems.length && path ? `${path}: ${message}` : message);
      }
    }
    setErrors(byField);
    setGeneral(rest.length ? rest.join("; ") : Object.keys(byField).length ? "Correct the fields marked below." : null);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true); setErrors({}); setGeneral(null); setSaved(null);
    const changed: Fields = {};
    const missing = node ? [] : form.fields.filter((f) => f.required && values[f.key].trim() === "");
    if (missing.length) {
      setErrors(Object.fromEntries(missing.map((f) => [f.key, `${f.label} is required.`])));
      setGeneral("Correct the fields marked below.");
      setBusy(false);
      return;
    }
    for (const field of form.fields) {
      if (node && values[field.key] === initial[field.key]) continue;
      if (!node && values[field.key].trim() === "") continue;
      changed[field.key] = parsed(field, values[field.key]);
    }
    try {
      const id = node ? node.id : newId.trim();
      if (node) {
        if (Object.keys(changed).length === 0) { setGeneral("Nothing changed."); return; }
        await updateNode(label, id, changed);
      } else {
        await createNode(label, { id, ...changed });
      }
      const trail = await request<ChangesQuery, ChangesQueryVariables>(CHANGES, "Changes", {
        nodeId: id, newestFirst: true, first: 1, since: null, until: null, actor: null, before: null, after: null });
      setSaved(trail.changes[0] ?? null);
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!node) return;
    setBusy(true);
    try {
      await deleteNode(label, node.id);
      navigate(`/changes?node=${encodeURIComponent(node.id)}`);
    } catch (caught) {
      fail(caught);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form class="curation" onSubmit={submit} noValidate>
        {general && <p class="form-error" role="alert">{general}</p>}
        {!node && (
          <div class={`field${errors.id ? " invalid" : ""}`}>
            <label for="field-id">Id (lower-case words joined by hyphens) (required)</label>
            <input id="field-id" name="id" value={newId} aria-invalid={errors.id ? "true" : undefined}
              aria-describedby={errors.id ? "field-id-error" : undefined}
              onInput={(e) => setNewId((e.target as HTMLInputElement).value)} />
            {errors.id && <p id="field-id-error" class="field-error">{errors.id}</p>}
          </div>
        )}
        {form.fields.map((field) => (
          <Input field={field} value={values[field.key]} error={errors[field.key]}
            onInput={(value) => setValues({ ...values, [field.key]: value })} />
        ))}
        <div class="buttons">
          <button type="submit" disabled={busy}>{busy ? "Saving…" : node ? "Save changes" : `Create the ${form.label.toLowerCase()}`}</button>
          {node && !confirming && <button type="button" class="danger" onClick={() => setConfirming(true)}>Delete…</button>}
        </div>
        {confirming && node && (
          <div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
            <p id="confirm-text">Delete {node.name} (<code>{node.id}</code>) and its relationships? The audit trail keeps a record.</p>
            <button type="button" class="danger" onClick={remove} disabled={busy}>Delete it</button>{" "}
            <button type="button" onClick={() => setConfirming(false)}>Keep it</button>
          </div>
        )}
      </form>
      {saved && (
        <section class="saved" role="status">
          <h2>Saved</h2>
          <p>The audit trail records: {saved.actor} {saved.action}d <Link href={nodeHref(saved.target)}>{saved.target}</Link> at{" "}
            <time>{saved.at.replace("T", " ").slice(0, 19)}</time>.</p>
          <Diff before={saved.before} after={saved.after} />
          {!node && <p><Link href={nodeHref(saved.target)}>Open it</Link> ·{" "}
            <Link href={`/curate/edit/${encodeURIComponent(saved.target)}`}>Edit it</Link></p>}
        </section>
      )}
    </>
  );
}

function Edit({ id }: { id: string }) {
  const [load, retry] = useLoad(() => request<NodePageQuery, NodePageQueryVariables>(NODE, "NodePage", { id }), id);
  return (
    <Loaded load={load} what={id} retry={retry}>
      {(data) => {
        if (!data.node) return <Empty>There is no node <code>{id}</code>.</Empty>;
        const form = FORMS[data.node.label];
        if (!form) return <Empty>{data.node.label} nodes are edited in catalog files or through GraphQL, not here.</Empty>;
        return (
          <>
            <p>Editing the {form.label.toLowerCase()} <Link href={nodeHref(id)}>{data.node.name}</Link> <code>{id}</code>.
              Empty a field to remove it.</p>
            <Editor key={id} form={form} label={data.node.label} node={data.node} />
          </>
        );
      }}
    </Loaded>
  );
}

export function Curation({ parts }: { parts: string[]; url: URL }) {
  const [action, arg] = parts;
  useTitle("Curation");
  const me = useMe();
  if (!atLeast(me, "STEWARD")) {
    return (
      <section>
        <h1 tabIndex={-1}>Curation</h1>
        {me === null ? <Loading what="who you are" /> : (
          <p class="note">Creating, editing and deleting are for STEWARD tokens.{" "}
            {me.role === "PUBLIC" ? <><Link href={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>Sign in</Link> first.</>
              : <>You are signed in as {me.tokenName}, a {me.role} token: ask an administrator for a STEWARD one.</>}</p>
        )}
      </section>
    );
  }
  const form = action === "new" && arg ? FORMS[arg] : undefined;
  return (
    <section>
      <h1 tabIndex={-1}>{action === "edit" ? `Edit ${arg}` : form ? `New ${form.label.toLowerCase()}` : "Curation"}</h1>
      {action === "edit" && arg ? <Edit id={arg} /> : form ? <Editor form={form} label={arg} node={null} /> : action ? (
        <Failure error={new Error(`there is no curation page at ${location.pathname}`)} />
      ) : (
        <>
          <p>Create a node, or open one (from <Link href="/search">search</Link>) and choose Edit. Changes are
            validated like a catalog load and recorded in the <Link href="/changes">audit trail</Link>.</p>
          <ul class="hits">{Object.entries(FORMS).map(([label, f]) => (
            <li><Link href={`/curate/new/${label}`}>New {f.label.toLowerCase()}</Link></li>))}</ul>
        </>
      )}
    </section>
  );
}
