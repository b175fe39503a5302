import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/schema";
import { invalidFields } from "../../errors";

/** Photos named in a request must have been uploaded to the same owner (enterprise or territory), else a 400 naming the field. */
export async function requirePhotos(
  db: Kysely<DB> | Transaction<DB>,
  ownerId: string,
  field: string,
  ids: readonly string[] | undefined,
) {
  const wanted = [...new Set(ids ?? [])];
  if (wanted.length === 0) return;
  const photos = await db
    .selectFrom("attachment")
    .select("id")
    .where("owner_id", "=", ownerId)
    .where("id", "in", wanted)
    .execute();
  if (photos.length !== wanted.length) {
    throw invalidFields([
      {
        field,
        text: {
          "zh-CN": `${field}：部分照片不存在或不属于该企业，请先上传到该企业`,
          en: `${field}: some photos do not exist or belong elsewhere; upload them to this enterprise first`,
        },
      },
    ]);
  }
}
