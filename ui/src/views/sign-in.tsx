import { useState } from "preact/hooks";
import { signIn, signOut, token } from "../auth";
import { ApiError, request } from "../client";
import type { WhoCanReadQuery, WhoCanReadQueryVariables } from "../generated/graphql";
import { useTitle } from "../hooks";
import SESSION from "../queries/session.graphql?raw";
import { navigate } from "../router";

// Only a path of this site: a `next` that named another origin would send the visitor away.
function nextOf(url: URL): string {
  const next = url.searchParams.get("next") ?? "/";
  return next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function SignIn({ url }: { url: URL }) {
  useTitle("Sign in");
  const [secret, setSecret] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signedIn = token() !== null;

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    if (!secret.trim()) return setError("Paste a token first.");
    setBusy(true);
    signIn(secret.trim());
    try {
      await request<WhoCanReadQuery, WhoCanReadQueryVariables>(SESSION, "WhoCanRead");
      navigate(nextOf(url));
    } catch (caught) {
      signOut();
      const unknown = caught instanceof ApiError && caught.code === "UNAUTHENTICATED";
      setError(unknown ? "This token is not recognised, or it was revoked." : (caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="narrow">
      <h1 tabIndex={-1}>Sign in</h1>
      {signedIn && (
        <p>
          You are signed in for this browser session.{" "}
          <button type="button" onClick={() => { signOut(); navigate("/"); }}>Sign out</button>
        </p>
      )}
      <p>Paste the token an administrator created for you (<code>steward token create</code>). It is kept
        for this browser session only. Without a token you see what the public inventory shows.</p>
      <form onSubmit={submit} noValidate>
        <label for="token">Token</label>
        <input id="token" name="token" type="password" autoComplete="off" value={secret}
          aria-invalid={error ? "true" : undefined} aria-describedby={error ? "token-error" : undefined}
          onInput={(e) => setSecret((e.target as HTMLInputElement).value)} />
        {error && <p id="token-error" class="field-error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? "Checking…" : "Sign in"}</button>
      </form>
    </section>
  );
}
