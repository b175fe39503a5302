import { type Kysely, sql, type Transaction } from "kysely";
import type { Static } from "typebox";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { forbidden, type LocalisedText, notFound } from "../../errors";
import { type FilingRow, presentFiling, presentUnit } from "./present-major-hazard";
import type { FilingList, FilingListQuery, Unit, UnitList, UnitListQuery } from "./schema";

type Db = Kysely<DB> | Transaction<DB>;

const THE_UNIT: LocalisedText = { "zh-CN": "该危险化学品单元", en: "The hazardous chemicals unit" };
const THE_FILING: LocalisedText = { "zh-CN": "该备案", en: "The filing" };

/**
 * A unit in the principal's scope (else 404). Writing is for the enterprise itself: government reads its units and
 * decides its filings, but does not declare them.
 */
export async function unitFor(db: Db, principal: Principal, id: string, mode: "read" | "write") {
  const unit = await db
    .selectFrom("major_hazard_unit")
    .innerJoin("enterprise", "enterprise.id", "major_hazard_unit.enterprise_id")
    .selectAll("major_hazard_unit")
    .select(["enterprise.name as enterprise_name", "enterprise.territory_path"])
    .where("major_hazard_unit.id", "=", id)
    .where((eb) => enterpriseInScope(eb, principal.scope))
    .executeTakeFirst();
  if (!unit) throw notFound(THE_UNIT);
  if (
    mode === "write" &&
    !(principal.scope.kind === "enterprises" && principal.permissions.includes("major-hazard:write"))
  ) {
    throw forbidden({
      "zh-CN": "重大危险源由企业本身申报",
      en: "Major hazard sources are declared by the enterprise itself",
    });
  }
  return unit;
}

/** Filings with their enterprise's and unit's names, newest first. */
export function filingsQuery(db: Db) {
  return db
    .selectFrom("major_hazard_filing")
    .innerJoin("enterprise", "enterprise.id", "major_hazard_filing.enterprise_id")
    .innerJoin("major_hazard_unit", (join) =>
      join
        .onRef("major_hazard_unit.enterprise_id", "=", "major_hazard_filing.enterprise_id")
        .onRef("major_hazard_unit.id", "=", "major_hazard_filing.unit_id"),
    )
    .selectAll("major_hazard_filing")
    .select(["enterprise.name as enterprise_name", "major_hazard_unit.name as unit_name"])
    .orderBy("major_hazard_filing.submitted_at", "desc");
}

/** A filing in the principal's scope (else 404). */
export async function filingFor(db: Db, principal: Principal, id: string): Promise<FilingRow> {
  const filing = await filingsQuery(db)
    .where("major_hazard_filing.id", "=", id)
    .where((eb) => enterpriseInScope(eb, principal.scope))
    .executeTakeFirst();
  if (!filing) throw notFound(THE_FILING);
  return filing;
}

/** One filing as the API shows it. */
export async function loadFiling(db: Db, enterpriseId: string, id: string) {
  return presentFiling(
    await filingsQuery(db)
      .where("major_hazard_filing.enterprise_id", "=", enterpriseId)
      .where("major_hazard_filing.id", "=", id)
      .executeTakeFirstOrThrow(),
  );
}

/** A unit with its substances, its stored identification and its filings. */
export async function loadUnit(db: Db, enterpriseId: string, id: string): Promise<Static<typeof Unit>> {
  const unit = await db
    .selectFrom("major_hazard_unit")
    .innerJoin("enterprise", "enterprise.id", "major_hazard_unit.enterprise_id")
    .selectAll("major_hazard_unit")
    .select("enterprise.name as enterprise_name")
    .where("major_hazard_unit.enterprise_id", "=", enterpriseId)
    .where("major_hazard_unit.id", "=", id)
    .executeTakeFirstOrThrow();
  const substances = await db
    .selectFrom("major_hazard_substance")
    .selectAll()
    .where("enterprise_id", "=", enterpriseId)
    .where("unit_id", "=", id)
    .orderBy("quantity_tonnes", "desc")
    .execute();
  const filings = await filingsQuery(db)
    .where("major_hazard_filing.enterprise_id", "=", enterpriseId)
    .where("major_hazard_filing.unit_id", "=", id)
    .execute();
  return presentUnit(unit, substances, filings);
}

/** Units in the principal's scope, most severe first (at most 500). */
export async function findUnits(
  db: Kysely<DB>,
  principal: Principal,
  filter: Static<typeof UnitListQuery>,
): Promise<Static<typeof UnitList>> {
  let query = db
    .selectFrom("major_hazard_unit")
    .innerJoin("enterprise", "enterprise.id", "major_hazard_unit.enterprise_id")
    .select(["major_hazard_unit.enterprise_id", "major_hazard_unit.id"])
    .where((eb) => enterpriseInScope(eb, principal.scope));
  if (filter.enterpriseId) query = query.where("major_hazard_unit.enterprise_id", "=", filter.enterpriseId);
  if (filter.majorOnly) query = query.where("major_hazard_unit.is_major", "=", true);
  const rows = await query
    .orderBy(sql`coalesce(major_hazard_unit.level, 5)`)
    .orderBy("major_hazard_unit.name")
    .limit(500)
    .execute();
  return { items: await Promise.all(rows.map((r) => loadUnit(db, r.enterprise_id, r.id))) };
}

/** Filings in the principal's scope (government sees its territory's), newest first (at most 500). */
export async function findFilings(
  db: Kysely<DB>,
  principal: Principal,
  filter: Static<typeof FilingListQuery>,
): Promise<Static<typeof FilingList>> {
  let query = filingsQuery(db).where((eb) => enterpriseInScope(eb, principal.scope));
  if (filter.status) query = query.where("major_hazard_filing.status", "=", filter.status);
  return { items: (await query.limit(500).execute()).map(presentFiling) };
}
