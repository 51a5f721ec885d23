import { useEffect, useState } from "preact/hooks";
import { request } from "../client";
import { Empty, Loaded } from "../components/states";
import type { SearchQuery, SearchQueryVariables } from "../generated/graphql";
import { useLoad, useTitle } from "../hooks";
import SEARCH from "../queries/search.graphql?raw";
import { Link, navigate, nodeHref, withParams } from "../router";

type Hit = SearchQuery["search"][number];

function byLabel(hits: Hit[]): [string, Hit[]][] {
  const groups = new Map<string, Hit[]>();
  for (const hit of hits) groups.set(hit.label, [...(groups.get(hit.label) ?? []), hit]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

export function SearchView({ url }: { url: URL }) {
  const q = url.searchParams.get("q") ?? "";
  useTitle(q ? `Search: ${q}` : "Search");
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  // Type-ahead: the address follows the field after a short pause, and the results follow the address.
  useEffect(() => {
    if (text === q) return;
    const timer = setTimeout(() => navigate(withParams(url, { q: text.trim() || null }), true), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const [load, retry] = useLoad(
    () => (q ? request<SearchQuery, SearchQueryVariables>(SEARCH, "Search", { text: q, first: 100 }) : Promise.resolve({ search: [] })),
    q,
  );
  return (
    <section>
      <h1 tabIndex={-1}>Search</h1>
      <form role="search" onSubmit={(e) => { e.preventDefault(); navigate(withParams(url, { q: text.trim() || null })); }}>
        <label for="q">Search every label by id, name, description or definition</label>
        <input id="q" type="search" value={text} autoComplete="off"
          onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        <button type="submit">Search</button>
      </form>
      <div aria-live="polite">
        {!q ? <Empty>Type a word, for example “attendance” or “vendor”.</Empty> : (
          <Loaded load={load} what="results" retry={retry}>
            {(data) => data.search.length === 0 ? <Empty>Nothing matches “{q}”.</Empty> : (
              <>
                <p>{data.search.length} results for “{q}”.</p>
                {byLabel(data.search).map(([label, hits]) => (
                  <section class="group">
                    <h2>{label} ({hits.length})</h2>
                    <ul class="hits">
                      {hits.map((hit) => (
                        <li><Link href={nodeHref(hit.id)}>{hit.name}</Link> <code>{hit.id}</code>
                          {hit.description && <p>{hit.description}</p>}</li>
                      ))}
                    </ul>
                  </section>
                ))}
              </>
            )}
          </Loaded>
        )}
      </div>
    </section>
  );
}
