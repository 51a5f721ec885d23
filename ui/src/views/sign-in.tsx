import { useState } from "preact/hooks";
import { signIn, signOut } from "../auth";
import { ApiError } from "../client";
import { useTitle } from "../hooks";
import { navigate } from "../router";
import { useMe, whoAmI } from "../session";

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
  const me = useMe();

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    if (!secret.trim()) return setError("Paste a token first.");
    setBusy(true);
    signIn(secret.trim());
    try {
      await whoAmI();
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
      {me && (me.role === "PUBLIC" ? <p class="who-am-i">You are not signed in: you are PUBLIC.</p> : (
        <p class="who-am-i">
          You are signed in as <strong>{me.tokenName}</strong>, a {me.role} token, for this browser session.{" "}
          <button type="button" onClick={() => { signOut(); navigate("/"); }}>Sign out</button>
        </p>
      ))}
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
