import { useEffect, useState } from "preact/hooks";

export type Load<T> =
  | { state: "loading" }
  | { state: "error"; error: Error }
  | { state: "done"; data: T };

/** Runs `load` whenever `key` changes; a stale answer never replaces a newer one. */
export function useLoad<T>(load: () => Promise<T>, key: string): [Load<T>, () => void] {
  const [result, setResult] = useState<Load<T>>({ state: "loading" });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setResult({ state: "loading" });
    load().then(
      (data) => current && setResult({ state: "done", data }),
      (error: Error) => current && setResult({ state: "error", error }),
    );
    return () => {
      current = false;
    };
  }, [key, round]);
  return [result, () => setRound((n) => n + 1)];
}

export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Steward`;
  }, [title]);
}
