// Workspaces by name: people know them by name, the API wants their IDs. The names a run
// uses are resolved with one list of the workspaces the key can see: by exact name; failing
// that, by a case-insensitive match when exactly one workspace matches. A name two workspaces
// share (or that matches two ignoring case, none exactly) is never resolved to one of them
// silently, and an unknown name suggests the closest names there are. Problems are told once
// per name, with how many rows use it, not once per row.
import type { Workspace } from "@dcloud/client";
import { distance } from "fastest-levenshtein";
import { CliError } from "../errors.js";

/** The lines (null: a flag) where each workspace name is used, as the check stage collects them. */
export type NamesUsed = ReadonlyMap<string, readonly (number | null)[]>;

export interface WorkspaceNameProblem {
  name: string;
  /** Every line that uses the name, in input order (null: --workspace). */
  lines: readonly (number | null)[];
  /** What is wrong with the name, e.g. `no workspace is named "Suport"; the closest: "Support" (…)`. */
  message: string;
}

export interface ResolvedNames {
  /** The workspace ID of each name used that resolves. */
  ids: ReadonlyMap<string, string>;
  /** One entry per name that does not resolve, in order of first use. */
  problems: readonly WorkspaceNameProblem[];
}

/**
 * Resolves the names a run uses against the answer of GET /api/v1/workspaces. Throws
 * `unexpected_answer` (exit 1) when the answer is not what the spec states; name problems are
 * returned, grouped by name, for the run to refuse as input errors (exit 2).
 */
export function resolveWorkspaceNames(answer: unknown, used: NamesUsed): ResolvedNames {
  const names = workspaceNames(checkWorkspacesAnswer(answer));
  const ids = new Map<string, string>();
  const problems: WorkspaceNameProblem[] = [];
  for (const [name, lines] of used) {
    const id = names.idOf(name);
    if (id !== undefined) ids.set(name, id);
    else problems.push({ name, lines, message: names.unknown(name) });
  }
  return { ids, problems };
}

/** How many lines a grouped problem names before "and N more". */
const LINES_SHOWN = 5;

/** A name problem as one line: the problem, then how many rows use the name and where. */
export function describeNameProblem(problem: WorkspaceNameProblem): string {
  const lines = problem.lines.filter((line): line is number => line !== null);
  const flag = lines.length < problem.lines.length ? "--workspace" : undefined;
  const rows = lines.length === 1 ? "1 row (line" : `${lines.length} rows (lines`;
  const more = lines.length > LINES_SHOWN ? ` and ${lines.length - LINES_SHOWN} more` : "";
  const where = [
    flag,
    lines.length > 0 ? `${rows} ${lines.slice(0, LINES_SHOWN).join(", ")}${more})` : undefined,
  ].filter(Boolean);
  return `${problem.message} — used by ${where.join(" and ")}`;
}

/** The answer of GET /api/v1/workspaces as the spec states it: an array of { name, workspace_id } strings. */
export function checkWorkspacesAnswer(answer: unknown): Workspace[] {
  const unlike = (what: string) =>
    new CliError(
      "unexpected_answer",
      `GET /api/v1/workspaces answered unlike its spec: ${what}, where an array of { name, workspace_id } was expected.`,
    );
  if (!Array.isArray(answer)) throw unlike(`the answer is ${kindOf(answer)}, not an array`);
  answer.forEach((item: unknown, i) => {
    if (item === null || typeof item !== "object" || Array.isArray(item))
      throw unlike(`item ${i + 1} is ${kindOf(item)}`);
    for (const key of ["name", "workspace_id"] as const) {
      const value = (item as Record<string, unknown>)[key];
      if (typeof value !== "string") throw unlike(`item ${i + 1} has ${kindOf(value)} as "${key}", not a string`);
    }
  });
  return answer as Workspace[];
}

function kindOf(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

interface WorkspaceNames {
  idOf(name: string): string | undefined;
  /** What to tell the user about a name that does not resolve: unknown, or shared by several workspaces. */
  unknown(name: string): string;
}

function workspaceNames(workspaces: readonly Workspace[]): WorkspaceNames {
  const exact = groupBy(workspaces, (w) => w.name);
  const folded = groupBy(workspaces, (w) => w.name.toLowerCase());
  const matches = (name: string): readonly Workspace[] => exact.get(name) ?? folded.get(name.toLowerCase()) ?? [];
  return {
    idOf(name) {
      const found = matches(name);
      return found.length === 1 ? found[0]?.workspace_id : undefined;
    },
    unknown(name) {
      const found = matches(name);
      if (found.length > 1) {
        const ids = found.map((w) => (w.name === name ? w.workspace_id : `${w.workspace_id} ("${w.name}")`));
        const how = exact.has(name)
          ? `names ${found.length} workspaces`
          : `matches ${found.length} workspaces ignoring case, none exactly`;
        return `${JSON.stringify(name)} ${how} (IDs ${ids.join(", ")}); give the one meant by its ID (workspace_ids or --workspace-id)`;
      }
      const closest = closestNames(name, [...exact.keys()]);
      const suggestion = closest.length > 0 ? `; the closest: ${closest.map((n) => JSON.stringify(n)).join(", ")}` : "";
      return `no workspace is named ${JSON.stringify(name)}${suggestion} (\`dcloud workspaces\` lists them)`;
    },
  };
}

function groupBy(workspaces: readonly Workspace[], key: (w: Workspace) => string): Map<string, Workspace[]> {
  const groups = new Map<string, Workspace[]>();
  for (const w of workspaces) {
    const group = groups.get(key(w));
    if (group) group.push(w);
    else groups.set(key(w), [w]);
  }
  return groups;
}

/** Up to three names nearest to `name` by edit distance (ignoring case), nearest first, if any is near at all. */
function closestNames(name: string, names: readonly string[]): string[] {
  const wanted = name.toLowerCase();
  return names
    .map((candidate) => ({ candidate, d: distance(wanted, candidate.toLowerCase()) }))
    .filter(({ candidate, d }) => d <= Math.max(2, Math.ceil(Math.max(candidate.length, name.length) / 2)))
    .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}
