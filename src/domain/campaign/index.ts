export * from "./campaign";
export * from "./completion";
export * from "./schedule";
