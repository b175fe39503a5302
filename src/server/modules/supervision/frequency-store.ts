import type { Kysely } from "kysely";
import type { Static } from "typebox";
import {
  DEFAULT_FREQUENCY,
  type FrequencyConfig,
  type FrequencyOverride,
  frequencyConfigFor,
} from "../../../domain/supervision/inspection-frequency";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import type { FrequencySettings } from "./schema";
import { supervisingDepartment, territoryInReach } from "./supervision-access";

export type StoredFrequency = {
  id: string;
  organisationId: string | null;
  organisationName: string | null;
  territoryId: string | null;
  territoryName: string | null;
  territoryPath: string | null;
  frequency: Partial<FrequencyConfig>;
  updatedAt: string;
};

/** Every stored frequency row, the installation-wide default among them (neither department nor territory). */
export async function loadStoredFrequencies(db: Kysely<DB>): Promise<StoredFrequency[]> {
  const rows = await db
    .selectFrom("supervision_frequency")
    .leftJoin("organisation", "organisation.id", "supervision_frequency.organisation_id")
    .leftJoin("territory", "territory.id", "supervision_frequency.territory_id")
    .select([
      "supervision_frequency.id",
      "supervision_frequency.organisation_id",
      "organisation.name as organisation_name",
      "supervision_frequency.territory_id",
      "territory.name as territory_name",
      "territory.path as territory_path",
      "supervision_frequency.frequency",
      "supervision_frequency.updated_at",
    ])
    .orderBy("territory.path")
    .orderBy("organisation.name")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    territoryId: row.territory_id,
    territoryName: row.territory_name,
    territoryPath: row.territory_path,
    frequency: row.frequency as Partial<FrequencyConfig>,
    updatedAt: row.updated_at.toISOString(),
  }));
}

/** The configuration the domain resolves frequencies with: the default in force and the overrides. */
export async function loadFrequencyConfiguration(
  db: Kysely<DB>,
): Promise<{ defaults: FrequencyConfig; overrides: FrequencyOverride[] }> {
  const stored = await loadStoredFrequencies(db);
  const installation = stored.find((row) => row.organisationId === null && row.territoryId === null);
  const defaults = { ...DEFAULT_FREQUENCY, ...(installation?.frequency ?? {}) } as FrequencyConfig;
  const overrides = stored
    .filter((row) => row !== installation)
    .map((row) => ({
      ...(row.organisationId ? { department: row.organisationId } : {}),
      ...(row.territoryPath ? { territoryPath: row.territoryPath } : {}),
      frequency: row.frequency,
    }));
  return { defaults, overrides };
}

/** Rows a caller may read: the installation default, its subtree and the nodes above it (they apply to it too). */
export function visibleTo(principal: Principal, row: StoredFrequency): boolean {
  if (principal.scope.kind !== "territory") return false;
  const scopePath = principal.scope.path;
  const territoryVisible =
    row.territoryPath === null || row.territoryPath.startsWith(scopePath) || scopePath.startsWith(row.territoryPath);
  const departmentVisible =
    principal.role !== "department" || row.organisationId === null || row.organisationId === principal.organisationId;
  return territoryVisible && departmentVisible;
}

/**
 * The frequencies a caller sees: the shipped and installation defaults, the departments' and territories' own it may
 * read, and the configuration in force for a department (its own territory by default) and/or a territory.
 */
export async function findFrequencySettings(
  db: Kysely<DB>,
  principal: Principal,
  query: { organisationId?: string; territoryId?: string },
): Promise<Static<typeof FrequencySettings>> {
  const [stored, configuration] = await Promise.all([loadStoredFrequencies(db), loadFrequencyConfiguration(db)]);
  let territoryPath: string | undefined;
  if (query.territoryId) territoryPath = (await territoryInReach(db, principal, query.territoryId)).path;
  if (query.organisationId) {
    const department = await supervisingDepartment(db, principal, query.organisationId);
    territoryPath ??= department.territoryPath;
  }
  const installation = stored.find((row) => row.organisationId === null && row.territoryId === null) ?? null;
  return {
    shipped: DEFAULT_FREQUENCY,
    defaults: configuration.defaults,
    installationDefault: installation,
    overrides: stored.filter((row) => row !== installation && visibleTo(principal, row)),
    inForce: frequencyConfigFor(
      { department: query.organisationId, territoryPath },
      configuration.overrides,
      configuration.defaults,
    ),
  };
}
