export * from "./map-layers";
export * from "./polygon";
export * from "./random";
