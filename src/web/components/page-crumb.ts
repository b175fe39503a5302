import { createContext, useContext, useEffect } from "react";

/** Lets a page put its record's name (an enterprise, say) at the end of the header breadcrumb. */
export const PageCrumbContext = createContext<(title: string | null) => void>(() => {});

export function usePageCrumb(title: string | null | undefined): void {
  const setCrumb = useContext(PageCrumbContext);
  useEffect(() => {
    setCrumb(title ?? null);
    return () => setCrumb(null);
  }, [setCrumb, title]);
}
