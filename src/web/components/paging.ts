import type { TablePaginationConfig } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { type Translate, useT } from "../i18n";

type Changes = Record<string, string | number | boolean | undefined>;

/** A server-paged table's pager: sizes to choose, the total, and a new size starting again at page 1. */
function pager(
  t: Translate,
  current: { page: number; pageSize: number; total: number },
  go: (page: number | undefined, pageSize: number) => void,
): TablePaginationConfig {
  return {
    current: current.page,
    pageSize: current.pageSize,
    total: current.total,
    showSizeChanger: true,
    showTotal: (total) => t("common.total", { total }),
    onChange: (page, pageSize) => go(pageSize !== current.pageSize ? undefined : page, pageSize),
  };
}

/** Filters and paging kept in the address, so a list can be reloaded, shared and gone back to. */
export function useUrlFilters() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get("page") ?? 1) || 1;
  const pageSize = Number(params.get("pageSize") ?? 20) || 20;

  /** Changing a filter goes back to page 1; empty values (and false) leave the address. */
  const update = (changes: Changes, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === "" || value === false) next.delete(key);
      else next.set(key, String(value));
    }
    if (resetPage) next.delete("page");
    setParams(next);
  };

  const pagination = (total: number | undefined) =>
    pager(t, { page, pageSize, total: total ?? 0 }, (nextPage, nextSize) =>
      update({ page: nextPage, pageSize: nextSize }, nextPage === undefined),
    );

  return { params, page, pageSize, update, pagination };
}

/** Paging kept in the component, for a list inside a page. */
export function usePaging() {
  const t = useT();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const pagination = (total: number | undefined) =>
    pager(t, { page, pageSize, total: total ?? 0 }, (nextPage, nextSize) => {
      setPage(nextPage ?? 1);
      setPageSize(nextSize);
    });
  return { page, pageSize, setPage, pagination };
}
