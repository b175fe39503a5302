export * from "./alarm-lifecycle";
export * from "./device-types";
export * from "./escalation";
export * from "./evaluate";
export * from "./management-alarm-kinds";
export * from "./rules";
