export * from "./demo-city";
export * from "./demo-enterprises";
export * from "./demo-people";
