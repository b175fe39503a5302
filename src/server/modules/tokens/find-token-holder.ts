import type { Kysely } from "kysely";
import { text } from "../../../domain/text";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { forbidden, notFound } from "../../errors";
import { findManagedUser } from "../users/user-scope";

/**
 * The user whose tokens an administrator manages: one it cannot see is not
 * found, and one also placed outside its scope is refused, since revoking or
 * listing their tokens is for an administrator over all of their placements.
 */
export async function findTokenHolder(db: Kysely<DB>, principal: Principal, userId: string): Promise<{ id: string }> {
  const user = await findManagedUser(db, principal, userId);
  if (!user) throw notFound(text("该用户", "The user"));
  if (!user.wholly) {
    throw forbidden(
      text(
        "该用户还关联您管辖范围以外的属地、单位或企业，只能由管辖其全部范围的管理员管理其令牌",
        "This user is also placed outside your scope; only an administrator over all of its placements may manage its tokens",
      ),
    );
  }
  return user;
}
