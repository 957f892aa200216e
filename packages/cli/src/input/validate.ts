// Turns each row into an invitation, or into the problems that stop it — the same way for a
// row of a file and for a single invitation given by flags, and on every pass over a file:
// defaults from --role / --workspace-id / --workspace for empty cells, the field rules,
// workspace names, and emails repeated in the input (ignoring case).
import type { UserInvitation } from "@dcloud/client";
import type { Field } from "../rows/fields.js";
import type { RawRow } from "./raw-row.js";
import { controlCharacterIn, EMAIL, UUID } from "./rules.js";
import type { WorkspaceNames } from "./workspace-names.js";

export interface Problem {
  /** The line where the row starts; null for a user given by flags. */
  line: number | null;
  /** The field at fault, or null when the row as a whole could not be read. */
  field: Field | null;
  message: string;
}

export interface ValidRow {
  line: number | null;
  email: string;
  invitation: UserInvitation;
  problems?: undefined;
}

export interface InvalidRow {
  line: number | null;
  /** The row's email when it has a usable one, else null. */
  email: string | null;
  problems: Problem[];
}

export type CheckedRow = ValidRow | InvalidRow;

export interface RowDefaults {
  /** --role: for rows whose role is empty. */
  role?: string | undefined;
  /** --workspace-id and --workspace: for rows that name no workspace. */
  workspaceIds?: readonly string[] | undefined;
  workspaceNames?: readonly string[] | undefined;
}

export class RowValidator {
  /** Where each email (lower-cased) first appeared: a later row with it is a duplicate. */
  readonly #firstLine = new Map<string, number | null>();
  /** The workspace names the rows use, each with the lines of the rows that use it. */
  readonly workspaceNamesUsed = new Map<string, (number | null)[]>();

  /**
   * @param names the resolved workspace names; without them (the first pass) names are
   *   only collected, and rows that use them pass.
   */
  constructor(
    private readonly defaults: RowDefaults = {},
    private readonly names?: WorkspaceNames,
  ) {}

  check(row: RawRow): CheckedRow {
    const { line } = row;
    if (row.unreadable) return { line, email: null, problems: [{ line, field: null, message: row.unreadable }] };
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

    let ids = this.#list("workspace_ids", row.fields.workspace_ids, problem);
    let names = this.#list("workspaces", row.fields.workspaces, problem);
    if (ids.length === 0 && names.length === 0) {
      ids = [...(this.defaults.workspaceIds ?? [])];
      names = [...(this.defaults.workspaceNames ?? [])];
    }
    for (const id of ids) if (!UUID.test(id)) problem("workspace_ids", `"${id}" is not a UUID`);
    for (const name of names) {
      const lines = this.workspaceNamesUsed.get(name) ?? [];
      if (lines.length === 0) this.workspaceNamesUsed.set(name, lines);
      lines.push(line);
      if (!this.names) continue;
      const id = this.names.idOf(name);
      if (id === undefined) problem("workspaces", this.names.unknown(name));
      else ids.push(id);
    }

    let usableEmail: string | null = null;
    if (email && !controlCharacterIn(email)) {
      if (!EMAIL.test(email)) {
        problem("email", `"${email}" is not a valid email address`);
      } else {
        usableEmail = email;
        const key = email.toLowerCase();
        if (!this.#firstLine.has(key)) this.#firstLine.set(key, line);
        else problem("email", `${email} is already on line ${this.#firstLine.get(key)}`);
      }
    }
    if (problems.length > 0) return { line, email: usableEmail, problems };
    const workspace_ids = [...new Set(ids)];
    return {
      line,
      email,
      // Without workspace IDs the field is left out and the server applies its default ([]).
      invitation: { email, given_name, family_name, role, ...(workspace_ids.length > 0 ? { workspace_ids } : {}) },
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
