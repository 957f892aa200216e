// Workspace names → IDs: exact, then a unique case-insensitive match; shared names never
// resolved silently; problems grouped by name; an answer unlike the spec named as such.
import { describe, expect, it } from "vitest";
import { exitCodeFor } from "../../src/errors.js";
import { checkWorkspacesAnswer, describeNameProblem, resolveWorkspaceNames } from "../../src/input/workspace-names.js";

const ws = (name: string, n: number) => ({ name, workspace_id: `00000000-0000-4000-8000-00000000000${n}` });
const SUPPORT = ws("support", 1);
const LEGAL = ws("Legal", 2);
const SALES_A = ws("Sales", 3);
const SALES_B = ws("Sales", 4);
const OPS_A = ws("Ops", 5);
const OPS_B = ws("OPS", 6);
const ALL = [SUPPORT, LEGAL, SALES_A, SALES_B, OPS_A, OPS_B];

const used = (...names: [string, (number | null)[]][]) => new Map(names);

describe("resolving", () => {
  it("by exact name", () => {
    const { ids, problems } = resolveWorkspaceNames(ALL, used(["support", [2]], ["Legal", [3]]));
    expect(Object.fromEntries(ids)).toEqual({ support: SUPPORT.workspace_id, Legal: LEGAL.workspace_id });
    expect(problems).toEqual([]);
  });

  it("Support when only support exists: the one case-insensitive match", () => {
    const { ids } = resolveWorkspaceNames(ALL, used(["Support", [2]], ["LEGAL", [2]]));
    expect(Object.fromEntries(ids)).toEqual({ Support: SUPPORT.workspace_id, LEGAL: LEGAL.workspace_id });
  });

  it("an exact match wins over case-insensitive ones", () => {
    const { ids } = resolveWorkspaceNames(ALL, used(["OPS", [2]]));
    expect(ids.get("OPS")).toBe(OPS_B.workspace_id);
  });

  it("a name two workspaces share is an error listing their IDs, never one of them", () => {
    const { ids, problems } = resolveWorkspaceNames(ALL, used(["Sales", [2, 4]]));
    expect(ids.size).toBe(0);
    expect(problems[0]?.message).toBe(
      `"Sales" names 2 workspaces (IDs ${SALES_A.workspace_id}, ${SALES_B.workspace_id}); give the one meant by its ID (workspace_ids or --workspace-id)`,
    );
  });

  it("a name that matches two ignoring case and none exactly is the same error", () => {
    const { problems } = resolveWorkspaceNames(ALL, used(["ops", [7]]));
    expect(problems[0]?.message).toMatch(
      /^"ops" matches 2 workspaces ignoring case, none exactly \(IDs .*0005 \("Ops"\), .*0006 \("OPS"\)\)/,
    );
  });

  it("an unknown name suggests the closest names", () => {
    const { problems } = resolveWorkspaceNames(ALL, used(["Suport", [2]], ["zzzzzzzzzz", [3]]));
    expect(problems.map((p) => p.message)).toEqual([
      'no workspace is named "Suport"; the closest: "support" (`dcloud workspaces` lists them)',
      'no workspace is named "zzzzzzzzzz" (`dcloud workspaces` lists them)',
    ]);
  });
});

describe("problems are grouped by name", () => {
  it("one unknown name used by 205 rows is one problem, with the count and the first lines", () => {
    const lines = Array.from({ length: 205 }, (_, i) => i + 2);
    const { problems } = resolveWorkspaceNames(ALL, used(["Suport", lines]));
    expect(problems).toHaveLength(1);
    expect(describeNameProblem(problems[0] as (typeof problems)[number])).toBe(
      'no workspace is named "Suport"; the closest: "support" (`dcloud workspaces` lists them) — used by 205 rows (lines 2, 3, 4, 5, 6 and 200 more)',
    );
  });

  it("one row, and --workspace", () => {
    const { problems } = resolveWorkspaceNames(ALL, used(["nope", [null, 9]], ["nada", [null]]));
    expect(problems.map(describeNameProblem).map((line) => line.split(" — ")[1])).toEqual([
      "used by --workspace and 1 row (line 9)",
      "used by --workspace",
    ]);
  });
});

describe("an answer unlike the spec", () => {
  it.each([
    [{ workspaces: [] }, "the answer is an object, not an array"],
    ["oops", "the answer is a string, not an array"],
    [null, "the answer is null, not an array"],
    [[SUPPORT, 7], "item 2 is a number"],
    [[{ workspace_id: "x" }], 'item 1 has nothing as "name", not a string'],
    [[{ name: "a", workspace_id: 1 }], 'item 1 has a number as "workspace_id", not a string'],
  ])("%j: an error saying so, exit 1 — never a JavaScript message", (answer, what) => {
    let error: unknown;
    try {
      resolveWorkspaceNames(answer, used(["support", [2]]));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: "unexpected_answer" });
    expect((error as Error).message).toContain(`GET /api/v1/workspaces answered unlike its spec: ${what},`);
    expect(exitCodeFor((error as { code: "unexpected_answer" }).code)).toBe(1);
  });

  it("an empty array is a valid answer", () => {
    expect(checkWorkspacesAnswer([])).toEqual([]);
  });
});
