// Turns each row into an invitation, or into the problems that stop it — the same way for a
// row of a file and for a single invitation given by flags: defaults from --role /
// --workspace-id / --workspace for empty cells, the field rules, and emails repeated in the
// input (ignoring case). Workspace names are resolved after every row is checked, with one
// list of the workspaces (withWorkspaceIds).
import { type CheckedRow, cellText, type Problem, type TypedRow, typedOfValid } from "../rows/checked.js";
import type { Field } from "../rows/fields.js";
import type { RawRow } from "../rows/raw.js";
import { controlCharacterIn, EMAIL, UUID } from "./rules.js";
import { SeenEmails } from "./seen-emails.js";

export interface RowDefaults {
  /** --role: for rows whose role is empty. */
  role?: string | undefined;
  /** --workspace-id and --workspace: for rows that name no workspace. */
  workspaceIds?: readonly string[] | undefined;
  workspaceNames?: readonly string[] | undefined;
}

export class RowValidator {
  /** Where each email (ignoring case) first appeared: a later row with it is a duplicate. */
  readonly #seen = new SeenEmails();
  /** The workspace names the rows use, each with the lines of the rows that use it. */
  readonly workspaceNamesUsed = new Map<string, (number | null)[]>();
  /** One copy of each role and of each list of workspace IDs, which a file's rows mostly share. */
  readonly #roles = new Map<string, string>();
  readonly #idLists = new Map<string, readonly string[]>();

  /** --workspace-id and --workspace: one copy for all the rows that name no workspace. */
  readonly #defaultIds: readonly string[];
  readonly #defaultNames: readonly string[];

  constructor(private readonly defaults: RowDefaults = {}) {
    this.#defaultIds = [...(defaults.workspaceIds ?? [])];
    this.#defaultNames = [...(defaults.workspaceNames ?? [])];
  }

  check(row: RawRow): CheckedRow {
    const { line } = row;
    if (row.unreadable) {
      return { line, email: null, typed: this.#typed(row), problems: [{ line, field: null, message: row.unreadable }] };
    }
    const problems: Problem[] = [];
    const problem = (field: Field, message: string) => problems.push({ line, field, message });

    const text = (field: Field, value: unknown, fallback?: string): string => {
      if (value !== undefined && value !== null && typeof value !== "string") {
        problem(field, `must be text, not ${JSON.stringify(value)}`);
        return "";
      }
      const given = (value ?? "").trim();
      const control = controlCharacterIn(given);
      if (control) problem(field, `contains a control character (${control})`);
      const result = given || (fallback ?? "").trim();
      if (!result) problem(field, fallback === undefined ? "is missing" : "is missing (and no --role was given)");
      return result;
    };
    const email = text("email", row.fields.email);
    const given_name = text("given_name", row.fields.given_name);
    const family_name = text("family_name", row.fields.family_name);
    const role = text("role", row.fields.role, this.defaults.role ?? "");

    let ids: readonly string[] = this.#list("workspace_ids", row.fields.workspace_ids, problem);
    let names: readonly string[] = this.#list("workspaces", row.fields.workspaces, problem);
    if (ids.length === 0 && names.length === 0) {
      ids = this.#defaultIds;
      names = this.#defaultNames;
    }
    for (const id of ids) if (!UUID.test(id)) problem("workspace_ids", `"${id}" is not a UUID`);
    for (const name of names) {
      const lines = this.workspaceNamesUsed.get(name) ?? [];
      if (lines.length === 0) this.workspaceNamesUsed.set(name, lines);
      lines.push(line);
    }
    // An unknown name's problem comes here, once the names are resolved.
    const workspaces = names.length > 0 ? { names, at: problems.length } : undefined;

    let usableEmail: string | null = null;
    if (email && !controlCharacterIn(email)) {
      if (!EMAIL.test(email)) {
        problem("email", `"${email}" is not a valid email address`);
      } else {
        usableEmail = email;
        const first = this.#seen.firstLine(email, line);
        if (first !== undefined) problem("email", `${email} is already on line ${first}`);
      }
    }
    if (problems.length > 0) return { line, email: usableEmail, typed: this.#typed(row), problems, workspaces };
    const unique = ids.length < 2 ? ids : [...new Set(ids)];
    // IDs are UUIDs by now: a line break cannot be part of one.
    const workspace_ids = unique.length > 0 ? shared(this.#idLists, unique.join("\n"), unique) : undefined;
    const shape = { line, email, given_name, family_name, role: shared(this.#roles, role, role), workspace_ids };
    return workspaces ? { ...shape, workspaces } : shape;
  }

  /** The row's values as read, with the flags' defaults for empty cells (workspace names after the IDs). */
  #typed({ fields }: RawRow): TypedRow {
    const role = cellText(fields.role);
    const workspaces = [cellText(fields.workspace_ids), cellText(fields.workspaces)].filter((v) => v !== "");
    const defaults = [...(this.defaults.workspaceIds ?? []), ...(this.defaults.workspaceNames ?? [])];
    // Blank cells are kept as typed unless a flag fills them.
    const blank = workspaces.every((v) => v.trim() === "");
    return {
      email: cellText(fields.email),
      given_name: cellText(fields.given_name),
      family_name: cellText(fields.family_name),
      role: role.trim() === "" && this.defaults.role?.trim() ? this.defaults.role : role,
      workspace_ids: (blank && defaults.length > 0 ? defaults : workspaces).join(";"),
    };
  }

  /** CSV gives `a;b`, JSON Lines an array of strings, flags an array; empty is none. */
  #list(field: Field, value: unknown, problem: (field: Field, message: string) => void): string[] {
    let items: string[];
    if (value === undefined || value === null || value === "") return [];
    if (typeof value === "string") items = value.split(";");
    else if (Array.isArray(value) && value.every((item) => typeof item === "string")) items = value;
    else {
      problem(
        field,
        `must be text separated by ";" (CSV) or an array of strings (JSON Lines), not ${JSON.stringify(value)}`,
      );
      return [];
    }
    const trimmed = items.map((item) => item.trim()).filter(Boolean);
    for (const item of trimmed) {
      const control = controlCharacterIn(item);
      if (control) problem(field, `contains a control character (${control})`);
    }
    return trimmed;
  }
}

/** The copy of `value` kept under `key`, kept now if there is none. */
function shared<T>(copies: Map<string, T>, key: string, value: T): T {
  const known = copies.get(key);
  if (known !== undefined) return known;
  copies.set(key, value);
  return value;
}

/**
 * The row with its workspace names resolved: their IDs added to the row's own, or, for a name
 * that is not there, a problem where the check would have put it.
 */
export function withWorkspaceIds(
  row: CheckedRow,
  idOf: (name: string) => string | undefined,
  unknown: (name: string) => string,
): CheckedRow {
  if (!row.workspaces) return row;
  const { names, at } = row.workspaces;
  const nameProblems: Problem[] = names
    .filter((name) => idOf(name) === undefined)
    .map((name): Problem => ({ line: row.line, field: "workspaces", message: unknown(name) }));
  if (row.problems) {
    const problems = [...row.problems.slice(0, at), ...nameProblems, ...row.problems.slice(at)];
    return { line: row.line, email: row.email, typed: row.typed, problems };
  }
  if (nameProblems.length > 0) {
    return { line: row.line, email: row.email, typed: typedOfValid(row), problems: nameProblems };
  }
  const unique = [...new Set([...(row.workspace_ids ?? []), ...names.map((name) => idOf(name) as string)])];
  const { workspaces: _, ...resolved } = row;
  return { ...resolved, workspace_ids: unique.length > 0 ? unique : undefined };
}
