import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { reportSourcesFor } from "../../../domain/hidden-danger/report-source";
import type { HiddenDangerSource } from "../../../domain/hidden-danger/vocabulary";
import { text } from "../../../domain/text";
import type { Actor } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { invalidFields, notFound } from "../../errors";
import { requirePhotos } from "../attachments/require-photos";
import { visibleEnterprise } from "./hidden-danger-access";
import { recordReportedHiddenDanger } from "./record-reported-hidden-danger";
import type { ReportBody } from "./schema";

/** The source recorded for a report: what the caller's role allows, its default unless it chose another allowed one. */
function sourceFor(principal: Principal, asked: HiddenDangerSource | undefined): HiddenDangerSource {
  const allowed = reportSourcesFor({ role: principal.role, isGovernment: principal.scope.kind === "territory" });
  if (asked === undefined && allowed.length > 0) return allowed[0];
  if (asked !== undefined && allowed.includes(asked)) return asked;
  throw invalidFields([
    {
      field: "source",
      text: text(
        `隐患来源由上报人的身份决定，您可填写：${allowed.join("、") || "无"}；也可不填，系统自动记录`,
        `The source follows from who reports; yours may be: ${allowed.join(", ") || "none"}. Leave it out to have it recorded for you`,
      ),
    },
  ]);
}

/**
 * A report from the report route: the enterprise must be the caller's to see, an employee's report needs a photo,
 * the source follows from who reports, and the photos and risk point named must be the enterprise's own.
 * Returns the new hidden danger's id.
 */
export async function reportHiddenDangerAs(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  body: Static<typeof ReportBody>,
): Promise<string> {
  const enterprise = await visibleEnterprise(db, principal, body.enterpriseId);
  if (!enterprise) throw notFound(text("该企业", "The enterprise"));
  if (principal.role === "employee" && !body.photoIds?.length) {
    throw invalidFields([
      {
        field: "photoIds",
        text: text("请拍一张隐患照片再上报", "Take a photo of the hidden danger before reporting it"),
      },
    ]);
  }
  const source = sourceFor(principal, body.source);
  await requirePhotos(db, enterprise.id, "photoIds", body.photoIds);
  if (body.riskPointId) {
    const point = await db
      .selectFrom("risk_point")
      .select("id")
      .where("owner_id", "=", enterprise.id)
      .where("id", "=", body.riskPointId)
      .executeTakeFirst();
    if (!point) {
      throw invalidFields([
        {
          field: "riskPointId",
          text: text(
            "riskPointId：该风险点不存在或不属于该企业",
            "riskPointId: that risk point does not exist or is not this enterprise's",
          ),
        },
      ]);
    }
  }
  const now = new Date();
  const created = await db
    .transaction()
    .execute((trx) =>
      recordReportedHiddenDanger(trx, { actor, principal, enterprise, report: { ...body, source }, now }),
    );
  return created.id;
}
