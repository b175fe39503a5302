export * from "./deadlines";
export * from "./lifecycle";
export * from "./report-source";
