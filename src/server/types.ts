import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { Permission } from "../domain/access/roles";
import type { Actor } from "./audit/record-audit";
import type { Principal } from "./auth/principal";
import type { Config } from "./config";
import type { Database } from "./db/database";
import { type Locale, notAuthenticated } from "./errors";
import type { BrokerAdmin } from "./ingestion/broker-admin";
import type { IngestBatcher } from "./ingestion/ingest-batcher";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The permission a caller's role must hold (any one of a list); every /api/v1 route declares one or is public. */
    permission?: Permission | Permission[];
    public?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    locale: Locale;
  }
  interface FastifyInstance {
    config: Config;
    database: Database;
    /** Stores readings from HTTP and the broker in shared transactions (group commit). */
    ingest: IngestBatcher;
    /** Device accounts on the broker; null when devices send over HTTP only. */
    brokerAdmin: BrokerAdmin | null;
    /** Set on the contexts whose routes are all public by design (the API documentation, the SPA's files). */
    servesPublicRoutes?: boolean;
    /** Every route as registered, for the access test that walks them all. */
    routeCatalogue: { method: string; url: string; permission?: Permission | Permission[]; public?: boolean }[];
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** The signed-in caller; routes behind `authorise` always have one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw notAuthenticated();
  return request.principal;
}

export function actorOf(request: FastifyRequest): Actor {
  const principal = request.principal;
  return {
    userId: principal?.userId ?? null,
    name: principal ? `${principal.displayName} (${principal.username})` : "anonymous",
    ip: request.ip,
  };
}
