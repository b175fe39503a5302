export * from "./polygon";
export * from "./random";
