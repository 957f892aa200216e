// A row after every check: what will be sent, or the problems that stop it. The run reads its
// input once into a list of these, and every later stage (workspace names, the question,
// --dry-run, sending) works from that list; so each is kept small: one object of the fields
// (a role or list of workspace IDs that many rows share is one copy), and the request body
// made only when it is sent.
import type { UserInvitation } from "@dcloud/client";
import type { Field, SpecField } from "./fields.js";

export interface Problem {
  /** The line where the row starts; null for a user given by flags. */
  line: number | null;
  /** The field at fault, or null when the row as a whole could not be read. */
  field: Field | null;
  message: string;
}

/**
 * The workspace names a row uses, until the run resolves them to IDs with one list of the
 * workspaces for the whole run.
 */
export interface PendingNames {
  names: readonly string[];
  /** Where in the row's problems an unknown name's problem goes, so they read in the order the checks run. */
  at: number;
}

export interface ValidRow {
  line: number | null;
  email: string;
  given_name: string;
  family_name: string;
  role: string;
  /** Without IDs, undefined: the field is left out and the server applies its default ([]). */
  workspace_ids: readonly string[] | undefined;
  problems?: undefined;
  workspaces?: PendingNames | undefined;
}

export interface InvalidRow {
  line: number | null;
  /** The row's email when it has a usable one, else null. */
  email: string | null;
  /** Its values as read, for the report and --failed-rows: the row can be fixed and read again. */
  typed: TypedRow;
  problems: Problem[];
  workspaces?: PendingNames | undefined;
}

export type CheckedRow = ValidRow | InvalidRow;

/**
 * A row's values as read (after column mapping), as a CSV row gives them: lists joined with
 * ";", and the defaults of --role / --workspace-id / --workspace for cells left empty, so a
 * file of such rows reads back as the same rows without those flags.
 */
export type TypedRow = Record<SpecField, string>;

/** A cell's value as text: a list (JSON Lines, flags) joined with ";", other non-text as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value.join(";");
  return JSON.stringify(value);
}

/** The values a valid row is sent with, as a CSV row gives them. */
export function typedOfValid(row: ValidRow): TypedRow {
  const { email, given_name, family_name, role } = row;
  const ids = [...(row.workspace_ids ?? []), ...(row.workspaces?.names ?? [])];
  return { email, given_name, family_name, role, workspace_ids: ids.join(";") };
}

/** The body of the row's request, in the spec's field order. */
export function invitationOf(row: ValidRow): UserInvitation {
  const { email, given_name, family_name, role, workspace_ids } = row;
  return { email, given_name, family_name, role, ...(workspace_ids ? { workspace_ids: [...workspace_ids] } : {}) };
}
