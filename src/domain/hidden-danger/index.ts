export * from "./deadlines";
export * from "./lifecycle";
