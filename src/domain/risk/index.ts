export * from "./assess-risk";
export * from "./bands";
export * from "./scales";
export * from "./vocabulary";
