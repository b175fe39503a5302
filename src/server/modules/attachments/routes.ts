import { createHash } from "node:crypto";
import { Type } from "typebox";
import { recordAudit } from "../../audit/record-audit";
import { AppError, notFound } from "../../errors";
import { type App, actorOf, principalOf } from "../../types";
import { auditPlace, resolveOwner } from "../risk-register/register-owner";

// Photos of risk points and hidden dangers: what phones produce, and not more than a phone photo needs.
const ACCEPTED_TYPES = ["image/jpeg", "image/png", "image/webp"];
const MAX_BYTES = 10 * 1024 * 1024;

const Attachment = Type.Object({
  id: Type.String(),
  ownerId: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
});

/** Magic numbers, so a renamed file is not stored as a photo. */
function sniffImage(data: Buffer): string | null {
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (data.subarray(0, 4).toString("ascii") === "RIFF" && data.subarray(8, 12).toString("ascii") === "WEBP")
    return "image/webp";
  return null;
}

export async function attachmentRoutes(app: App) {
  const { db } = app.database;

  app.post(
    "/attachments",
    {
      config: { permission: ["risk:write", "risk:public-write", "hidden-danger:report"] },
      schema: {
        tags: ["attachments"],
        summary: "Upload a photo (JPEG, PNG or WebP, up to 10 MB) for an enterprise's or a territory's records",
        querystring: Type.Object({ ownerId: Type.String({ format: "uuid" }) }, { additionalProperties: false }),
        consumes: ["multipart/form-data"],
        response: { 201: Attachment },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      // Anyone who may report a hidden danger for the owner may photograph it; registers need their write permission.
      const owner = principal.permissions.includes("hidden-danger:report")
        ? await resolveOwner(db, principal, request.query.ownerId, "read")
        : await resolveOwner(db, principal, request.query.ownerId, "write");
      const file = request.isMultipart() ? await request.file({ limits: { fileSize: MAX_BYTES } }) : undefined;
      if (!file) {
        throw new AppError("UNSUPPORTED_FILE", {
          "zh-CN": "请以 multipart/form-data 上传照片，字段名为 file",
          en: "Upload the photo as multipart/form-data in a field named file",
        });
      }
      const data = await file.toBuffer();
      const type = sniffImage(data);
      if (!type || !ACCEPTED_TYPES.includes(type)) {
        throw new AppError("UNSUPPORTED_FILE", {
          "zh-CN": "只接受 JPEG、PNG 或 WebP 格式的照片",
          en: "Only JPEG, PNG or WebP photos are accepted",
        });
      }
      const sha256 = createHash("sha256").update(data).digest("hex");
      const created = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto("attachment")
          .values({
            owner_id: owner.id,
            file_name: file.filename.slice(0, 200),
            content_type: type,
            size_bytes: data.length,
            sha256,
            data,
            created_by: principal.userId,
          })
          .returning(["id", "owner_id", "file_name", "content_type", "size_bytes", "sha256"])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actorOf(request), {
          action: "create",
          entityType: "attachment",
          entityId: row.id,
          ...auditPlace(owner),
          after: { fileName: row.file_name, contentType: type, sizeBytes: data.length, sha256 },
        });
        return row;
      });
      return reply.status(201).send({
        id: created.id,
        ownerId: created.owner_id,
        fileName: created.file_name,
        contentType: created.content_type,
        sizeBytes: created.size_bytes,
        sha256: created.sha256,
      });
    },
  );

  app.get(
    "/attachments/:id",
    {
      config: { permission: "risk:read" },
      schema: {
        tags: ["attachments"],
        summary: "Download a photo",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
      },
    },
    async (request, reply) => {
      const row = await db
        .selectFrom("attachment")
        .select(["owner_id", "content_type", "data", "sha256"])
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      const missing = notFound({ "zh-CN": "该附件", en: "The attachment" });
      if (!row) throw missing;
      await resolveOwner(db, principalOf(request), row.owner_id, "read").catch(() => {
        throw missing;
      });
      return reply
        .header("content-type", row.content_type)
        .header("cache-control", "private, max-age=86400")
        .header("etag", `"${row.sha256}"`)
        .send(row.data);
    },
  );
}
