import { verifyAudit } from "../../audit/verify-audit";
import { type App, principalOf } from "../../types";
import { findAuditEntries } from "./find-audit-entries";
import { presentAuditEntry, presentVerification } from "./present-audit-entry";
import { AuditPage, AuditQuery, AuditVerification } from "./schema";

export async function auditRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/audit",
    {
      config: { permission: "audit:read" },
      schema: {
        tags: ["audit"],
        summary: "The audit trail of records in the caller's scope",
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const found = await findAuditEntries(db, principalOf(request), request.query);
      return { items: found.rows.map(presentAuditEntry), total: found.total, page, pageSize };
    },
  );

  app.post(
    "/audit/verify",
    {
      config: { permission: "audit:verify" },
      schema: {
        tags: ["audit"],
        summary: "Walk the whole hash chain and report the first entry that was altered, deleted or inserted",
        response: { 200: AuditVerification },
      },
    },
    async () => presentVerification(await verifyAudit(db)),
  );
}
