// The bearer token lives in sessionStorage: it is gone when the browser session ends, and
// no other tab's session sees it. Without one, the visitor is PUBLIC.
const KEY = "steward.token";

export function token(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null; // storage disabled: PUBLIC
  }
}

export function signIn(value: string): void {
  sessionStorage.setItem(KEY, value);
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}
