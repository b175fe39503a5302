export * from "./schedule";
export * from "./templates";
