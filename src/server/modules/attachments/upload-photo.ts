import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { AppError } from "../../errors";
import { auditPlace, type RegisterOwner } from "../risk-register/register-owner";
import type { Attachment } from "./schema";

// Photos of risk points and hidden dangers: what phones produce, and not more than a phone photo needs.
const ACCEPTED_TYPES = ["image/jpeg", "image/png", "image/webp"];
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** Magic numbers, so a renamed file is not stored as a photo. */
function sniffImage(data: Buffer): string | null {
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (data.subarray(0, 4).toString("ascii") === "RIFF" && data.subarray(8, 12).toString("ascii") === "WEBP")
    return "image/webp";
  return null;
}

/** Stores an uploaded photo for an owner (enterprise or territory) the caller may use, with its audit entry. */
export async function uploadPhoto(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  owner: RegisterOwner,
  file: { fileName: string; data: Buffer },
): Promise<Static<typeof Attachment>> {
  const { data } = file;
  const type = sniffImage(data);
  if (!type || !ACCEPTED_TYPES.includes(type)) {
    throw new AppError(
      "UNSUPPORTED_FILE",
      text("只接受 JPEG、PNG 或 WebP 格式的照片", "Only JPEG, PNG or WebP photos are accepted"),
    );
  }
  const sha256 = createHash("sha256").update(data).digest("hex");
  const created = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("attachment")
      .values({
        owner_id: owner.id,
        file_name: file.fileName.slice(0, 200),
        content_type: type,
        size_bytes: data.length,
        sha256,
        data,
        created_by: principal.userId,
      })
      .returning(["id", "owner_id", "file_name", "content_type", "size_bytes", "sha256"])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "create",
      entityType: "attachment",
      entityId: row.id,
      ...auditPlace(owner),
      after: { fileName: row.file_name, contentType: type, sizeBytes: data.length, sha256 },
    });
    return row;
  });
  return {
    id: created.id,
    ownerId: created.owner_id,
    fileName: created.file_name,
    contentType: created.content_type,
    sizeBytes: created.size_bytes,
    sha256: created.sha256,
  };
}
