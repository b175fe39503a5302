export * from "./completion";
export * from "./schedule";
