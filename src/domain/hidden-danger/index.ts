export * from "./deadlines";
export * from "./lifecycle";
export * from "./report-source";
export * from "./statistics";
export * from "./vocabulary";
