// The three states every view has besides its answer: loading, empty and error.
import type { ComponentChildren } from "preact";
import { ApiError } from "../client";
import type { Load } from "../hooks";
import { Link } from "../router";

export function Loading({ what }: { what: string }) {
  return <p class="state loading" role="status">Loading {what}…</p>;
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="state empty">{children}</p>;
}

export function Failure({ error, retry }: { error: Error; retry?: () => void }) {
  const signIn = error instanceof ApiError && error.needsSignIn;
  return (
    <div class="state error" role="alert">
      <p><strong>This could not be shown.</strong> {error.message}</p>
      {signIn && <p><Link href={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>Sign in with a token</Link> to see it.</p>}
      {retry && <button type="button" onClick={retry}>Try again</button>}
    </div>
  );
}

/** Renders the answer once it is there, and the loading or error state until then. */
export function Loaded<T>({ load, what, retry, children }: {
  load: Load<T>; what: string; retry?: () => void; children: (data: T) => ComponentChildren;
}) {
  if (load.state === "loading") return <Loading what={what} />;
  if (load.state === "error") return <Failure error={load.error} retry={retry} />;
  return <>{children(load.data)}</>;
}
