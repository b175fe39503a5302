import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler } from "../api/client";
import type { Me, Session } from "../api/types";

type SessionState = { status: "loading" } | { status: "anonymous" } | { status: "signed-in"; me: Me };

type SessionValue = {
  state: SessionState;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
};

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setState({ status: "anonymous" });
    });
    api
      .get<Session>("/auth/me")
      .then((session) => {
        setCsrfToken(session.csrfToken);
        setState({ status: "signed-in", me: session.user });
      })
      .catch((error: unknown) => {
        // Any failure to prove a session leads to the login form; the form shows what the server says.
        if (!(error instanceof ApiError) || error.status !== 401) console.warn("GET /auth/me failed", error);
        setState({ status: "anonymous" });
      });
    return () => setUnauthenticatedHandler(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const session = await api.post<Session>("/auth/login", { username, password });
    setCsrfToken(session.csrfToken);
    setState({ status: "signed-in", me: session.user });
    return session.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post("/auth/logout");
    } finally {
      setCsrfToken(null);
      setState({ status: "anonymous" });
    }
  }, []);

  const value = useMemo(() => ({ state, login, logout }), [state, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession() needs a <SessionProvider> above it");
  return value;
}

/** The signed-in user; only for pages under the authenticated layout. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== "signed-in") throw new Error("useMe() used outside the signed-in area");
  return state.me;
}
