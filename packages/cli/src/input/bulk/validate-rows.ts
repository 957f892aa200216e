// Turns each row of an input file into an invitation, or into the problems that stop it, the
// same way on every pass over the file: defaults from --role / --workspace-id for empty
// cells, the field rules, and emails repeated in the file (ignoring case).
import type { UserInvitation } from "@dcloud/client";
import { EMAIL, FIELDS, UUID } from "../rules.js";
import type { RawRow } from "./read-rows.js";

export interface Problem {
  line: number;
  /** The field at fault, or null when the row as a whole could not be read. */
  field: string | null;
  message: string;
}

export interface ValidRow {
  line: number;
  email: string;
  invitation: UserInvitation;
  problems?: undefined;
}

export interface InvalidRow {
  line: number;
  /** The row's email when it has a usable one, else null. */
  email: string | null;
  problems: Problem[];
}

export type CheckedRow = ValidRow | InvalidRow;

export interface RowDefaults {
  /** --role: for rows whose role is empty. */
  role?: string | undefined;
  /** --workspace-id: for rows whose workspace_ids are empty. */
  workspaceIds?: string[] | undefined;
}

export class RowValidator {
  /** Where each email (lower-cased) first appeared: a later row with it is a duplicate. */
  readonly #firstLine = new Map<string, number>();
  /** Fields that are not the spec's, with the first line they appeared on (they are ignored). */
  readonly unknownFields = new Map<string, number>();

  constructor(private readonly defaults: RowDefaults = {}) {}

  check(row: RawRow): CheckedRow {
    const { line } = row;
    if (row.unreadable) return { line, email: null, problems: [{ line, field: null, message: row.unreadable }] };
    for (const name of Object.keys(row.fields)) {
      if (!(FIELDS as readonly string[]).includes(name) && !this.unknownFields.has(name)) this.unknownFields.set(name, line);
    }
    const problems: Problem[] = [];
    const problem = (field: string, message: string) => problems.push({ line, field, message });

    const text = (field: string, fallback?: string): string => {
      const value = row.fields[field];
      if (value !== undefined && value !== null && typeof value !== "string") {
        problem(field, `must be text, not ${JSON.stringify(value)}`);
        return "";
      }
      const trimmed = (value ?? "").trim() || (fallback ?? "").trim();
      if (!trimmed) problem(field, fallback === undefined ? "is missing" : "is missing (and no --role was given)");
      return trimmed;
    };
    const email = text("email");
    const given_name = text("given_name");
    const family_name = text("family_name");
    const role = text("role", this.defaults.role ?? "");
    const workspace_ids = this.#workspaceIds(row.fields.workspace_ids, problem);

    let usableEmail: string | null = null;
    if (email) {
      if (!EMAIL.test(email)) {
        problem("email", `"${email}" is not an email address`);
      } else {
        usableEmail = email;
        const key = email.toLowerCase();
        const first = this.#firstLine.get(key);
        if (first === undefined) this.#firstLine.set(key, line);
        else problem("email", `${email} is already on line ${first}`);
      }
    }
    if (problems.length > 0) return { line, email: usableEmail, problems };
    return {
      line,
      email,
      // Without workspace IDs the field is left out and the server applies its default ([]).
      invitation: { email, given_name, family_name, role, ...(workspace_ids.length > 0 ? { workspace_ids } : {}) },
    };
  }

  /** CSV gives `id;id`, JSON Lines an array; empty takes --workspace-id. */
  #workspaceIds(value: unknown, problem: (field: string, message: string) => void): string[] {
    let ids: string[];
    if (value === undefined || value === null || value === "") ids = [];
    else if (typeof value === "string") ids = value.split(";").map((id) => id.trim()).filter(Boolean);
    else if (Array.isArray(value) && value.every((id) => typeof id === "string")) ids = value.map((id) => id.trim());
    else {
      problem("workspace_ids", "must be UUIDs separated by ';' (CSV) or an array of UUIDs (JSON Lines)");
      return [];
    }
    if (ids.length === 0) ids = this.defaults.workspaceIds ?? [];
    for (const id of ids) if (!UUID.test(id)) problem("workspace_ids", `"${id}" is not a UUID`);
    return ids;
  }
}
