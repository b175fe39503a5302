export * from "./check-contents";
export * from "./inspection-frequency";
export * from "./plan";
export * from "./published-seed";
