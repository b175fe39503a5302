import { createWriteStream, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { isEnterpriseScoped, ROLES, type Role } from "../domain/access/roles";
import { recordAudit } from "../server/audit/record-audit";
import { describeProblem, verifyAudit } from "../server/audit/verify-audit";
import { hashPassword, passwordProblem } from "../server/auth/passwords";
import { backupDatabase } from "../server/backup/backup-database";
import { restoreDatabase } from "../server/backup/restore-database";
import { ConfigError, loadConfig } from "../server/config";
import { type Database, openDatabase } from "../server/db/database";
import { prepareDatabase } from "../server/db/prepare-database";
import { createApiToken } from "../server/modules/tokens/create-api-token";
import { generatedDemoPassword, seedDemo } from "../server/seed/seed-demo";
import { seedDemoRegister } from "../server/seed/seed-demo-register";
import { startServer } from "../server/start-server";
import { simulate } from "./simulate";

const USAGE = `dualguard <command> [options]

Commands:
  serve                               start the server (PORT, DATA_DIR, DATABASE_URL, ... from the environment)
  migrate                             apply pending database migrations
  seed-demo [--enterprises N] [--no-registers]
                                      seed the demo city into an empty database (default 200 enterprises); up to
                                      5,000 enterprises also get risk registers, hidden dangers and ratings
  audit verify                        walk the audit hash chain; exit 1 naming the first bad entry
  backup [--out FILE]                 write the whole database as SQL (stdout by default)
  restore FILE                        load a backup into an empty database
  user create --username U --password P --role ROLE [--name NAME] [--territory CODE | --enterprise ID]
  token create --username U [--days N] [--name NAME]   print a bearer API token
  simulate --token T [--devices N] [--rate R] [--mqtt URL | --http] [--anomalies] [--duration S] [--url URL]
                                      register simulated devices and send realistic readings (a leak ramp, a silent device)

Roles: ${ROLES.join(", ")}
`;

class UsageError extends Error {}

/** Runs one CLI command and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "serve":
        return await serve();
      case "migrate":
        return await withDatabase(
          async (database) => {
            const { migrations } = await prepareDatabase(database);
            console.log(migrations.length ? `applied: ${migrations.join(", ")}` : "database is up to date");
            return 0;
          },
          { prepare: false },
        );
      case "seed-demo":
        return await seedDemoCommand(rest);
      case "audit":
        if (rest[0] !== "verify") throw new UsageError("usage: dualguard audit verify");
        return await withDatabase(async (database) => {
          const result = await verifyAudit(database.db);
          if (result.ok) {
            console.log(`audit trail intact: ${result.checked} entries verified`);
            return 0;
          }
          console.error(
            `AUDIT TRAIL BROKEN: ${describeProblem(result.problem!)} (${result.checked} entries before it are intact)`,
          );
          return 1;
        });
      case "backup":
        return await backupCommand(rest);
      case "restore":
        return await restoreCommand(rest);
      case "simulate":
        return await simulate(rest);
      case "user":
        if (rest[0] !== "create")
          throw new UsageError("usage: dualguard user create --username U --password P --role ROLE");
        return await userCreate(rest.slice(1));
      case "token":
        if (rest[0] !== "create") throw new UsageError("usage: dualguard token create --username U [--days N]");
        return await tokenCreate(rest.slice(1));
      case undefined:
      case "help":
      case "--help":
        console.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(`configuration error: ${error.message}`);
      return 2;
    }
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

async function serve(): Promise<number> {
  const config = loadConfig();
  const server = await startServer(config, { installSignalHandlers: true });
  server.app.log.info(
    {
      url: `http://localhost:${config.port}`,
      database: config.databaseUrl ? "postgres" : `pglite at ${config.dataDir}`,
    },
    "DualGuard is running",
  );
  // Keep the process alive until a signal stops the server.
  await new Promise(() => {});
  return 0;
}

/** Opens the configured database, prepared to this build's schema, for one command. */
async function withDatabase(
  run: (database: Database) => Promise<number>,
  options: { prepare?: boolean } = {},
): Promise<number> {
  const config = loadConfig({ ...process.env, SESSION_SECRET: process.env.SESSION_SECRET ?? "x".repeat(32) });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (options.prepare !== false) await prepareDatabase(database);
    return await run(database);
  } finally {
    await database.close();
  }
}

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`${name} must be a positive whole number, not "${value}"`);
  return Number(value);
}

/** Above this many enterprises seed-demo leaves the registers empty (a scale city is for benchmarks). */
const DEMO_REGISTER_LIMIT = 5000;

async function seedDemoCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { enterprises: { type: "string" }, "no-registers": { type: "boolean" } },
  });
  const enterprises = positiveInteger(values.enterprises, "--enterprises", 200);
  // Registers go through the same grading as the pages, row by row: right for a demo, too slow for a scale city.
  const registers = !values["no-registers"] && enterprises <= DEMO_REGISTER_LIMIT;
  // The published demo password is for the embedded demo; on a PostgreSQL server the demo accounts get their own.
  const password = process.env.DATABASE_URL ? generatedDemoPassword() : undefined;
  return withDatabase(async (database) => {
    const started = Date.now();
    let lastReport = 0;
    const result = await seedDemo(database, {
      password,
      enterprises,
      onProgress: (inserted) => {
        if (inserted - lastReport >= 10_000) {
          lastReport = inserted;
          console.log(`  ${inserted} enterprises…`);
        }
      },
    });
    if (!result.seeded) {
      console.error(
        `The database already holds ${result.territories} territories; seed-demo only fills an empty database. Use a new DATA_DIR (embedded) or a new database (DATABASE_URL).`,
      );
      return 1;
    }
    let seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`seeded ${result.territories} territories and ${result.enterprises} enterprises in ${seconds} s`);
    if (password) console.log(`the demo accounts' password on this server: ${password}`);
    if (registers) {
      const register = await seedDemoRegister(database);
      seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `seeded the risk registers of ${register.enterprises} enterprises (${register.riskPoints} risk points, ${register.majorHazardUnits} major hazard sources), ${register.publicRiskPoints} public-area risk points and ${register.hiddenDangers} hidden dangers, and rated every enterprise; ${seconds} s in all`,
      );
    } else console.log("risk registers not seeded (over 5,000 enterprises, or --no-registers)");
    return 0;
  });
}

async function backupCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: "string" } } });
  return withDatabase(async (database) => {
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    const result = await backupDatabase(database, (chunk) => out.write(chunk));
    if (values.out)
      await new Promise<void>((resolve, reject) =>
        (out as ReturnType<typeof createWriteStream>).end((e?: Error) => (e ? reject(e) : resolve())),
      );
    console.error(
      `backup: ${result.rows} rows from ${result.tables} tables, one consistent snapshot; audit chain ends at entry ${result.manifest.auditHead?.seq ?? 0}${values.out ? `; written to ${values.out}` : ""}`,
    );
    return 0;
  });
}

async function restoreCommand(args: string[]): Promise<number> {
  const file = args[0];
  if (!file) throw new UsageError("usage: dualguard restore FILE");
  const script = readFileSync(file, "utf8");
  return withDatabase(
    async (database) => {
      const manifest = await restoreDatabase(database, script);
      const rows = manifest ? Object.values(manifest.tables).reduce((sum, n) => sum + n, 0) : null;
      console.log(
        manifest
          ? `restored ${file}: ${rows} rows in ${Object.keys(manifest.tables).length} tables, counts checked; audit chain ends at entry ${manifest.auditHead?.seq ?? 0}`
          : `restored ${file}`,
      );
      return 0;
    },
    { prepare: false },
  );
}

async function userCreate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: "string" },
      password: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      territory: { type: "string" },
      enterprise: { type: "string", multiple: true },
    },
  });
  if (!values.username || !values.password || !values.role) {
    throw new UsageError("user create needs --username, --password and --role");
  }
  if (!ROLES.includes(values.role as Role))
    throw new UsageError(`--role must be one of ${ROLES.join(", ")}, not "${values.role}"`);
  const role = values.role as Role;
  const weak = passwordProblem(values.password);
  if (weak) throw new UsageError(`--password: ${weak.en}`);
  if (isEnterpriseScoped(role) && !values.enterprise?.length)
    throw new UsageError(`role ${role} needs --enterprise ID`);
  if (!isEnterpriseScoped(role) && role !== "admin" && !values.territory)
    throw new UsageError(`role ${role} needs --territory CODE`);
  return withDatabase(async (database) => {
    const { db } = database;
    const taken = await db
      .selectFrom("app_user")
      .select("id")
      .where("username", "=", values.username!)
      .executeTakeFirst();
    if (taken) {
      console.error(`the username ${values.username} is taken`);
      return 1;
    }
    let territoryId: string | null = null;
    if (values.territory && !isEnterpriseScoped(role)) {
      const territory = await db
        .selectFrom("territory")
        .select("id")
        .where("code", "=", values.territory)
        .executeTakeFirst();
      if (!territory) {
        console.error(`no territory has the code ${values.territory}`);
        return 1;
      }
      territoryId = territory.id;
    }
    const enterpriseIds = isEnterpriseScoped(role) ? (values.enterprise ?? []) : [];
    for (const id of enterpriseIds) {
      const found = /^[0-9a-f-]{36}$/i.test(id)
        ? await db.selectFrom("enterprise").select("id").where("id", "=", id).executeTakeFirst()
        : undefined;
      if (!found) {
        console.error(`no enterprise has the id ${id}`);
        return 1;
      }
    }
    const passwordHash = await hashPassword(values.password!);
    const id = await db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto("app_user")
        .values({
          username: values.username!,
          display_name: values.name ?? values.username!,
          password_hash: passwordHash,
          role,
          territory_id: territoryId,
          updated_at: new Date(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (enterpriseIds.length > 0) {
        await trx
          .insertInto("user_enterprise")
          .values(enterpriseIds.map((enterpriseId) => ({ user_id: created.id, enterprise_id: enterpriseId })))
          .execute();
      }
      await recordAudit(
        trx,
        { userId: null, name: "dualguard CLI", ip: "" },
        {
          action: "create",
          entityType: "user",
          entityId: created.id,
          after: { username: values.username, role, territory: values.territory, enterpriseIds },
        },
      );
      return created.id;
    });
    console.log(id);
    return 0;
  });
}

async function tokenCreate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { username: { type: "string" }, days: { type: "string" }, name: { type: "string" } },
  });
  if (!values.username) throw new UsageError("token create needs --username");
  const days = positiveInteger(values.days, "--days", 90);
  return withDatabase(async (database) => {
    const user = await database.db
      .selectFrom("app_user")
      .select(["id", "disabled"])
      .where("username", "=", values.username!)
      .executeTakeFirst();
    if (!user || user.disabled) {
      console.error(`no active user is named ${values.username}`);
      return 1;
    }
    const { token, expiresAt } = await createApiToken(
      database.db,
      { userId: null, name: "dualguard CLI", ip: "" },
      { userId: user.id, name: values.name ?? "CLI token", days },
    );
    console.log(token);
    console.error(`expires ${expiresAt.toISOString()}`);
    return 0;
  });
}
