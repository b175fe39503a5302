export * from "./alpha";
export * from "./assess-major-hazard";
export * from "./threshold-table";
export * from "./vocabulary";
