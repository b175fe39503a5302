import { api } from "../../api/client";
import type { Gb18218Table } from "../../api/types";
import { useRequest } from "../../api/use-request";

// GB 18218-2018 tables 1 and 2 (named substances and hazard classes with their thresholds), loaded once per visit.

let tablePromise: Promise<Gb18218Table> | null = null;
function loadTable(): Promise<Gb18218Table> {
  if (!tablePromise) {
    tablePromise = api.get<Gb18218Table>("/reference/gb18218");
    tablePromise.catch(() => {
      tablePromise = null;
    });
  }
  return tablePromise;
}

export function useGb18218() {
  return useRequest(loadTable, []);
}
