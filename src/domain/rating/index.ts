export * from "./rating-model";
export * from "./regional-level";
