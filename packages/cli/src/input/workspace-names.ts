// Workspaces by name: people know them by name, the API wants their IDs. The names a run
// uses are resolved with one list of the workspaces the key can see, by exact name; a name
// that is not there is the row's problem, with the closest names there are as suggestions.
import type { Workspace } from "@dcloud/client";
import { distance } from "fastest-levenshtein";

export interface WorkspaceNames {
  idOf(name: string): string | undefined;
  /** What to tell the user about a name that is not there. */
  unknown(name: string): string;
}

export function workspaceNames(workspaces: readonly Workspace[]): WorkspaceNames {
  const ids = new Map(workspaces.map((w) => [w.name, w.workspace_id]));
  return {
    idOf: (name) => ids.get(name),
    unknown(name) {
      const closest = closestNames(name, [...ids.keys()]);
      const suggestion = closest.length > 0 ? `; the closest: ${closest.map((n) => JSON.stringify(n)).join(", ")}` : "";
      return `no workspace is named ${JSON.stringify(name)}${suggestion} (\`dcloud workspaces\` lists them)`;
    },
  };
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
