import { AsyncLocalStorage } from "node:async_hooks";
import {
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresQueryCompiler,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";

/**
 * Reads every SQL statement a request runs, as Kysely's operation tree, and
 * finds the reads of enterprise-owned tables that nothing restricts to the
 * caller's scope. A read is restricted when the SELECT that names the table
 * (or one it is correlated with) has, in its WHERE, HAVING or inner joins:
 * - the scope condition itself: `territory_path LIKE '<the caller's path>…%'`
 *   (or a territory's `path`), plus the industry condition for a caller kept to
 *   some industries, as src/server/auth/scope.ts emits it;
 * - a key (`id`, `enterprise_id`, any `…_id`) equal to or in values the request
 *   has already proved to be in scope: the caller's own id and enterprises, and
 *   every id an earlier restricted statement of the same request read;
 * - `IN`/`EXISTS` over a restricted subquery, or a join to a restricted derived table;
 * - `false`.
 * AND needs one restricted side, OR both. Raw SQL is judged by its parameters.
 */

/** What a restriction covers: the territory, the industries, or both (a key already proved in scope). */
type Cover = "territory" | "industry";
const ALL: ReadonlySet<Cover> = new Set(["territory", "industry"]);
const NONE: ReadonlySet<Cover> = new Set();

export interface ScopeCaller {
  /** The territory subtree of a government caller ("/99/9901/"), or null for an enterprise's people. */
  path: string | null;
  /** The industries a department is kept to; empty when all. */
  industries: string[];
  /** Values proved in scope before the request starts: the caller's own id and its enterprises' ids. */
  proven: string[];
}

export interface UnscopedRead {
  tables: string[];
  sql: string;
  parameters: readonly unknown[];
}

type AnyNode = OperationNode & { readonly [key: string]: unknown };

const isNode = (value: unknown): value is AnyNode =>
  typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function childNodes(node: AnyNode): AnyNode[] {
  return Object.values(node).flatMap((value) =>
    Array.isArray(value) ? value.filter(isNode) : isNode(value) ? [value] : [],
  );
}

/** The SELECTs directly inside a node, not those nested in them. */
function selectsIn(node: AnyNode): AnyNode[] {
  return childNodes(node).flatMap((child) => (child.kind === "SelectQueryNode" ? [child] : selectsIn(child)));
}

function identifier(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.kind === "IdentifierNode") return node.name as string;
  if (node.kind === "TableNode") return identifier((node.table as AnyNode).identifier);
  if (node.kind === "ColumnNode") return identifier(node.column);
  if (node.kind === "ReferenceNode") return identifier(node.column);
  return undefined;
}

/** The table a column reference names (`enterprise` in `enterprise.id`), if it names one. */
function qualifier(node: AnyNode): string | undefined {
  return node.kind === "ReferenceNode" && isNode(node.table) ? identifier(node.table) : undefined;
}

function valuesOf(node: unknown): unknown[] | undefined {
  if (!isNode(node)) return undefined;
  if (node.kind === "ValueNode") return Array.isArray(node.value) ? node.value : [node.value];
  if (node.kind === "PrimitiveValueListNode") return node.values as unknown[];
  if (node.kind === "ValueListNode") return (node.values as AnyNode[]).flatMap((v) => valuesOf(v) ?? [undefined]);
  if (node.kind === "ParensNode") return valuesOf(node.node);
  return undefined;
}

interface Relation {
  name: string;
  alias: string;
  /** The ON of a left join: it restricts the joined table's rows but not the query's. */
  leftJoinOn?: AnyNode;
  /** The ON of any join. */
  on?: AnyNode;
  /** A derived table or common table expression. */
  derived?: AnyNode;
}

export class ScopeAnalysis {
  private readonly restrictedMemo = new Map<AnyNode, ReadonlySet<Cover>>();

  constructor(
    private readonly ownedTables: ReadonlySet<string>,
    private readonly caller: ScopeCaller,
    private readonly proven: ReadonlySet<string>,
  ) {}

  /** What a scope restriction must cover for this caller. */
  private get required(): ReadonlySet<Cover> {
    return this.caller.path !== null && this.caller.industries.length > 0 ? ALL : new Set<Cover>(["territory"]);
  }

  private covers(found: ReadonlySet<Cover>): boolean {
    return [...this.required].every((cover) => found.has(cover));
  }

  /** Whether a statement looks one row (or a few) up by key: `id = $1`, `owner_id in (…)`, ANDed in its WHERE. */
  static isKeyedLookup(root: OperationNode): boolean {
    const node = root as AnyNode;
    if (node.kind !== "SelectQueryNode") return false;
    const keyed = (condition: AnyNode): boolean => {
      if (condition.kind === "AndNode") return keyed(condition.left as AnyNode) || keyed(condition.right as AnyNode);
      if (condition.kind === "ParensNode") return keyed(condition.node as AnyNode);
      if (condition.kind !== "BinaryOperationNode") return false;
      const operator = (condition.operator as AnyNode).operator;
      const column = identifier(condition.leftOperand);
      return (
        (operator === "=" || operator === "in") &&
        column !== undefined &&
        (column === "id" || column.endsWith("_id")) &&
        (valuesOf(condition.rightOperand)?.length ?? 0) > 0
      );
    };
    const where = (node.where as AnyNode | undefined)?.where;
    return isNode(where) && keyed(where);
  }

  /** The enterprise-owned tables a statement reads without a restriction to the scope. */
  unscopedTables(root: OperationNode): string[] {
    const node = root as AnyNode;
    if (node.kind === "RawNode") return this.rawStatement(node);
    if (node.kind === "SelectQueryNode") return this.visit(node, [], new Map());
    return selectsIn(node).flatMap((select) => this.visit(select, [], new Map()));
  }

  private rawStatement(node: AnyNode): string[] {
    const text = (node.sqlFragments as string[]).join(" ? ");
    const tables = [...text.matchAll(/\b(?:from|join)\s+"?([a-z_]+)"?/gi)]
      .map((m) => m[1].toLowerCase())
      .filter((name) => this.ownedTables.has(name));
    const nested = selectsIn(node).flatMap((select) => this.visit(select, [], new Map()));
    if (tables.length === 0 || this.covers(this.restriction(node, new Map()))) return nested;
    return [...new Set([...tables, ...nested])];
  }

  private relations(select: AnyNode, ctes: Map<string, AnyNode>): Relation[] {
    const from = isNode(select.from) ? (select.from.froms as AnyNode[]) : [];
    const joins = (select.joins as AnyNode[] | undefined) ?? [];
    const entries = [
      ...from.map((table) => ({ table, on: undefined as AnyNode | undefined, left: false })),
      ...joins.map((join) => ({
        table: join.table as AnyNode,
        on: (join.on as AnyNode | undefined)?.on as AnyNode | undefined,
        left: join.joinType === "LeftJoin" || join.joinType === "LateralLeftJoin",
      })),
    ];
    return entries.flatMap(({ table, on, left }): Relation[] => {
      const inner = table.kind === "AliasNode" ? (table.node as AnyNode) : table;
      const alias = table.kind === "AliasNode" ? identifier(table.alias) : undefined;
      const leftJoinOn = left ? on : undefined;
      if (inner.kind === "SelectQueryNode")
        return [{ name: alias ?? "", alias: alias ?? "", derived: inner, on, leftJoinOn }];
      if (inner.kind !== "TableNode") return [];
      const name = identifier(inner) ?? "";
      return [{ name, alias: alias ?? name, on, leftJoinOn, derived: ctes.get(name) }];
    });
  }

  private withCtes(select: AnyNode, outer: Map<string, AnyNode>): Map<string, AnyNode> {
    const ctes = new Map(outer);
    const expressions = isNode(select.with) ? (select.with.expressions as AnyNode[]) : [];
    for (const cte of expressions) {
      const name = identifier((cte.name as AnyNode).table);
      if (name && isNode(cte.expression)) ctes.set(name, cte.expression);
    }
    return ctes;
  }

  /** The conditions that restrict every row of a SELECT. */
  private conditions(select: AnyNode): AnyNode[] {
    const joins = (select.joins as AnyNode[] | undefined) ?? [];
    return [
      (select.where as AnyNode | undefined)?.where,
      (select.having as AnyNode | undefined)?.having,
      ...joins
        .filter((join) => join.joinType === "InnerJoin" || join.joinType === "LateralInnerJoin")
        .map((join) => (join.on as AnyNode | undefined)?.on),
    ].filter(isNode);
  }

  /** What restricts a SELECT by itself, without the queries around it. */
  private ownRestriction(select: AnyNode, ctes: Map<string, AnyNode>): ReadonlySet<Cover> {
    const memo = this.restrictedMemo.get(select);
    if (memo) return memo;
    this.restrictedMemo.set(select, NONE); // a cycle through a recursive CTE restricts nothing
    const scopes = this.withCtes(select, ctes);
    const found = new Set<Cover>();
    for (const condition of this.conditions(select)) {
      for (const cover of this.restriction(condition, scopes)) found.add(cover);
    }
    for (const relation of this.relations(select, scopes)) {
      if (relation.derived && !relation.leftJoinOn) {
        for (const cover of this.ownRestriction(relation.derived, scopes)) found.add(cover);
      }
    }
    this.restrictedMemo.set(select, found);
    return found;
  }

  /** What a condition restricts the rows to. */
  private restriction(node: AnyNode, ctes: Map<string, AnyNode>): ReadonlySet<Cover> {
    const of = (child: unknown) => (isNode(child) ? this.restriction(child, ctes) : NONE);
    switch (node.kind) {
      case "AndNode":
        return new Set([...of(node.left), ...of(node.right)]);
      case "OrNode": {
        const right = of(node.right);
        return new Set([...of(node.left)].filter((cover) => right.has(cover)));
      }
      case "ParensNode":
        return of(node.node);
      case "ValueNode":
        return node.value === false ? ALL : NONE;
      case "SelectQueryNode":
        return this.ownRestriction(node, ctes);
      case "UnaryOperationNode": {
        const operator = (node.operator as AnyNode).operator;
        return operator === "exists" && isNode(node.operand) ? of(node.operand) : NONE;
      }
      case "BinaryOperationNode":
        return this.comparison(node, ctes);
      case "RawNode":
        return this.rawRestriction(node, ctes);
      default:
        return NONE;
    }
  }

  private comparison(node: AnyNode, ctes: Map<string, AnyNode>): ReadonlySet<Cover> {
    const operator = (node.operator as AnyNode).operator as string;
    const left = node.leftOperand as AnyNode;
    const right = node.rightOperand as AnyNode;
    const column = identifier(left);
    if (!column) return NONE;
    if ((operator === "like" || operator === "ilike") && (column === "territory_path" || column === "path")) {
      return valuesOf(right)?.every((v) => this.inCallersTerritory(v)) ? new Set(["territory"]) : NONE;
    }
    if (operator !== "=" && operator !== "in") return NONE;
    if (right.kind === "SelectQueryNode") return this.ownRestriction(right, ctes);
    const values = valuesOf(right);
    if (!values || values.length === 0) return NONE;
    if ((column === "id" || column.endsWith("_id")) && values.every((v) => this.proven.has(String(v)))) return ALL;
    if ((column === "industry_code" || column === "industry_section") && this.caller.industries.length > 0) {
      return values.every((v) => this.caller.industries.includes(String(v))) ? new Set(["industry"]) : NONE;
    }
    return NONE;
  }

  /** Raw SQL: `false`, a LIKE on the caller's path, keys already proved, or a restricting fragment inside it. */
  private rawRestriction(node: AnyNode, ctes: Map<string, AnyNode>): ReadonlySet<Cover> {
    const text = (node.sqlFragments as string[]).join(" ? ").trim().toLowerCase();
    if (text === "false") return ALL;
    const found = new Set<Cover>();
    for (const parameter of node.parameters as AnyNode[]) {
      const values = valuesOf(parameter);
      if (values && values.length > 0) {
        if (/\blike\b/.test(text) && values.every((v) => this.inCallersTerritory(v))) found.add("territory");
        if (values.every((v) => typeof v === "string" && UUID.test(v) && this.proven.has(v))) return ALL;
      } else {
        for (const cover of this.restriction(parameter, ctes)) found.add(cover);
      }
    }
    return found;
  }

  private inCallersTerritory(value: unknown): boolean {
    const path = this.caller.path;
    return path !== null && typeof value === "string" && value.startsWith(path) && value.endsWith("%");
  }

  /** Reports the owned tables of a SELECT, and of those nested in it, that nothing restricts. */
  private visit(
    select: AnyNode,
    outer: { aliases: Set<string>; restricted: boolean }[],
    ctes: Map<string, AnyNode>,
    joinedToRestricted = false,
  ): string[] {
    const scopes = this.withCtes(select, ctes);
    const relations = this.relations(select, scopes);
    const aliases = new Set(relations.map((r) => r.alias));
    const correlated = new Set(this.references(select).filter((alias) => !aliases.has(alias)));
    const base =
      joinedToRestricted ||
      this.covers(this.ownRestriction(select, ctes)) ||
      outer.some((frame) => frame.restricted && [...frame.aliases].some((alias) => correlated.has(alias)));
    const unscoped = relations
      .filter((relation) => this.ownedTables.has(relation.name) && !relation.derived)
      .filter(
        (relation) => !base && !(relation.leftJoinOn && this.covers(this.restriction(relation.leftJoinOn, scopes))),
      )
      .map((relation) => relation.name);
    // A derived table joined ON the rows of a restricted query only shows through those rows.
    const joinedThrough = new Set(
      relations
        .filter((r) => base && r.derived && r.on)
        .filter((r) => this.references(r.on!).some((alias) => alias !== r.alias && aliases.has(alias)))
        .map((r) => r.derived),
    );
    const frames = [...outer, { aliases, restricted: base }];
    return [
      ...unscoped,
      ...selectsIn(select).flatMap((nested) => this.visit(nested, frames, scopes, joinedThrough.has(nested))),
    ];
  }

  /** The tables a node's column references name, its nested queries included. */
  private references(node: AnyNode): string[] {
    const own = qualifier(node);
    return [...(own ? [own] : []), ...childNodes(node).flatMap((child) => this.references(child))];
  }
}

/** The names a SELECT answers with, sorted and joined, as a result row's keys would be. */
function selectedNames(node: OperationNode): string | undefined {
  const selections = (node as AnyNode).selections as AnyNode[] | undefined;
  if (!selections) return undefined;
  return selections
    .map((selection) => {
      const item = selection.selection as AnyNode;
      return item.kind === "AliasNode" ? identifier(item.alias) : identifier(item);
    })
    .sort()
    .join();
}

interface RequestLog {
  caller: ScopeCaller;
  proven: Set<string>;
  /** Unrestricted reads, with the owners of the rows they read (null when a row does not say whose it is). */
  suspects: { read: UnscopedRead; owners: string[] | null }[];
  checked: number;
}

/** The columns that say whose a row is. */
const OWNER_COLUMNS = ["enterprise_id", "owner_id"];

/**
 * A Kysely plugin for a test app. Inside `during`, it checks each statement the
 * request runs, when its result comes back (a builder nested in another query
 * passes through the plugin too, but only a statement that runs has a result).
 * The ids a restricted statement reads become proved for the rest of the
 * request. An unrestricted read still passes when the request then refuses, or
 * when it looked rows up by key and every row it read names an owner that the
 * request goes on to prove in scope: the "find the row, then check its owner" shape.
 */
export class ScopeRecorder implements KyselyPlugin {
  private readonly current = new AsyncLocalStorage<RequestLog>();
  // Builders cloned from one base share its query id, so several statements may wait under one id.
  private readonly pending = new WeakMap<QueryId, { log: RequestLog; node: RootOperationNode }[]>();
  private readonly compiler = new PostgresQueryCompiler();

  constructor(private readonly ownedTables: ReadonlySet<string>) {}

  /** Runs a request (returning its status): how many statements it ran, and the reads it left unrestricted. */
  async during(
    caller: ScopeCaller,
    run: () => Promise<number>,
  ): Promise<{ checked: number; unscoped: UnscopedRead[] }> {
    const log: RequestLog = { caller, proven: new Set(caller.proven), suspects: [], checked: 0 };
    const status = await this.current.run(log, run);
    const refused = status < 200 || status >= 300;
    const unscoped = log.suspects
      .filter(({ owners }) => owners === null || owners.length === 0 || owners.some((id) => !log.proven.has(id)))
      .map(({ read }) => read);
    return { checked: log.checked, unscoped: refused ? [] : unscoped };
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const log = this.current.getStore();
    if (log) this.pending.set(args.queryId, [...(this.pending.get(args.queryId) ?? []), { log, node: args.node }]);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const waiting = this.pending.get(args.queryId) ?? [];
    const rows = args.result.rows;
    // The statement whose selected names are the result's columns, else the oldest.
    const columns = rows.length > 0 ? Object.keys(rows[0]).sort().join() : undefined;
    const entry = waiting.find((w) => columns !== undefined && selectedNames(w.node) === columns) ?? waiting[0];
    if (!entry) return args.result;
    waiting.splice(waiting.indexOf(entry), 1);
    const { log, node } = entry;
    log.checked++;
    const tables = new ScopeAnalysis(this.ownedTables, log.caller, log.proven).unscopedTables(node);
    if (tables.length === 0) {
      for (const row of rows) {
        for (const value of Object.values(row).flat()) {
          if (typeof value === "string" && UUID.test(value)) log.proven.add(value);
        }
      }
      return args.result;
    }
    const compiled = this.compiler.compileQuery(node, args.queryId);
    const owners = rows.map((row) => OWNER_COLUMNS.map((column) => row[column]).find((v) => typeof v === "string"));
    const lookup = ScopeAnalysis.isKeyedLookup(node) && owners.every((owner) => owner !== undefined);
    log.suspects.push({
      read: { tables: [...new Set(tables)], sql: compiled.sql, parameters: compiled.parameters },
      owners: lookup ? (owners as string[]) : null,
    });
    return args.result;
  }
}
