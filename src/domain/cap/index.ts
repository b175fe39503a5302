export * from "./alarm-alert";
export * from "./atom-feed";
export * from "./cap-alert";
