export * from "./check-contents";
export * from "./enforcement-record";
export * from "./inspection-frequency";
export * from "./plan";
export * from "./published-seed";
