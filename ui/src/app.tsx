import { useEffect, useRef } from "preact/hooks";
import { Link, useLocation } from "./router";
import { atLeast, useMe } from "./session";
import { Changes } from "./views/changes";
import { Curation } from "./views/curation";
import { Deadlines } from "./views/deadlines";
import { Explorer } from "./views/explorer";
import { Findings } from "./views/findings";
import { IncidentView } from "./views/incident";
import { LineageView } from "./views/lineage";
import { NodePage } from "./views/node";
import { Overview } from "./views/overview";
import { Responsibility, Unowned } from "./views/responsibility";
import { SearchView } from "./views/search";
import { SignIn } from "./views/sign-in";

function route(url: URL) {
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const [head, ...rest] = parts;
  const id = rest.join("/");
  switch (head) {
    case undefined: return <Overview url={url} />;
    case "sign-in": return <SignIn url={url} />;
    case "search": return <SearchView url={url} />;
    case "node": if (id) return <NodePage id={id} />; break;
    case "lineage": if (id) return <LineageView id={id} url={url} />; break;
    case "deadlines": return <Deadlines url={url} />;
    case "findings": return <Findings url={url} />;
    case "owners": return id ? <Responsibility id={id} /> : <Unowned />;
    case "incidents": if (id) return <IncidentView id={id} url={url} />; break;
    case "changes": return <Changes url={url} />;
    case "explore": return <Explorer url={url} />;
    case "curate": return <Curation parts={rest} url={url} />;
  }
  return <NotFound />;
}

function NotFound() {
  return (
    <section>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>Steward has no page at this address. <Link href="/">Go to the overview</Link> or <Link href="/search">search the catalog</Link>.</p>
    </section>
  );
}

const NAV: [string, string][] = [
  ["/", "Overview"], ["/search", "Search"], ["/deadlines", "Deadlines"], ["/findings", "Findings"], ["/owners", "Responsibility"],
  ["/changes", "Changes"], ["/explore", "Explorer"],
];

function Header({ url }: { url: URL }) {
  const me = useMe();
  const nav: [string, string][] = atLeast(me, "STEWARD") ? [...NAV, ["/curate", "Curation"]] : NAV;
  const current = (href: string) => (href === "/" ? url.pathname === "/" : url.pathname.startsWith(href));
  return (
    <header class="top no-print">
      <a class="skip" href="#main">Skip to the content</a>
      <Link class="brand" href="/">Steward</Link>
      <nav aria-label="Views">
        <ul>
          {nav.map(([href, name]) => (
            <li><Link href={href} aria-current={current(href) ? "page" : undefined}>{name}</Link></li>
          ))}
        </ul>
      </nav>
      <span class="who">
        {me === null ? <Link href="/sign-in">Sign in</Link>
          : me.role === "PUBLIC" ? <>PUBLIC · <Link href="/sign-in">Sign in</Link></>
          : <>Signed in as {me.tokenName} ({me.role}) · <Link href="/sign-in">Sign out</Link></>}
      </span>
    </header>
  );
}

export function App() {
  const url = useLocation();
  const first = useRef(true);
  useEffect(() => {
    // After a navigation, keyboard and screen-reader users start from the new heading.
    if (first.current) {
      first.current = false;
      return;
    }
    document.querySelector<HTMLElement>("main h1")?.focus();
  }, [url.pathname]);
  return (
    <>
      <Header url={url} />
      <main id="main">{route(url)}</main>
    </>
  );
}
