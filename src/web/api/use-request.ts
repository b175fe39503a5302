import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";
import { useLocale } from "../i18n";
import { ApiError } from "./client";

export type RequestState<T> = {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
};

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, "CLIENT", String(error), null);
}

/**
 * Loads data when the dependencies or the language change (the server localises names and messages),
 * and drops answers that arrive after a newer request was started.
 */
export function useRequest<T>(load: () => Promise<T>, deps: DependencyList): RequestState<T> {
  const [locale] = useLocale();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again.
  useEffect(() => {
    const ticket = ++latest.current;
    setLoading(true);
    loadRef
      .current()
      .then((value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setError(undefined);
      })
      .catch((caught: unknown) => {
        if (ticket !== latest.current) return;
        setError(asApiError(caught));
      })
      .finally(() => {
        if (ticket === latest.current) setLoading(false);
      });
  }, [...deps, locale, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload };
}
