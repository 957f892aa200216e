// Workspace names: exact, then a unique match ignoring case; a name two workspaces share is an
// error listing their IDs, never a silent pick; an unknown name is told once, however many rows
// use it; an answer unlike the spec says so (exit 1) — in invite and in `dcloud workspaces`.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { INVITE_PATH, ME_BODY, ORG_ID, type Reply, startServer } from "../helpers/server.js";
import { env } from "./run.js";

const SUPPORT = { name: "support", workspace_id: "11111111-1111-4111-8111-111111111111" };
const SALES_A = { name: "Sales", workspace_id: "22222222-2222-4222-8222-222222222222" };
const SALES_B = { name: "Sales", workspace_id: "33333333-3333-4333-8333-333333333333" };
const HEADER = "email,given_name,family_name,role,workspaces";

async function invite(csv: string, workspaces: Reply, extra: string[] = []) {
  const server = await startServer({
    "GET /api/v1/me": { status: 200, body: ME_BODY },
    "GET /api/v1/workspaces": workspaces,
    [`POST ${INVITE_PATH}`]: { status: 201, body: {} },
  });
  const path = join(await tempDir(), "p.csv");
  await writeFile(path, csv);
  const result = await runCli(["invite", "--file", path, "--org", ORG_ID, "--api-url", server.url, ...extra], { env });
  const posts = server.requests.filter((r) => r.method === "POST").map((r) => JSON.parse(r.body));
  return { result, posts };
}
const list = (...workspaces: object[]): Reply => ({ status: 200, body: workspaces });

describe("workspace names", () => {
  it("a name two workspaces share: an error listing both IDs, nothing sent", async () => {
    const { result, posts } = await invite(`${HEADER}\na@x.io,A,B,member,Sales\n`, list(SUPPORT, SALES_A, SALES_B));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `"Sales" names 2 workspaces (IDs ${SALES_A.workspace_id}, ${SALES_B.workspace_id})`,
    );
    expect(posts).toEqual([]);
  });

  it("Support resolves to the only workspace named support", async () => {
    const { result, posts } = await invite(`${HEADER}\na@x.io,A,B,member,Support\n`, list(SUPPORT, SALES_A));
    expect(result.code).toBe(0);
    expect(posts.map((p) => p.workspace_ids)).toEqual([[SUPPORT.workspace_id]]);
  });

  it("one unknown name used by 205 rows is one line, with the count and the first lines", async () => {
    const rows = Array.from({ length: 205 }, (_, i) => `u${i}@x.io,A,B,member,Suport`);
    const { result, posts } = await invite(`${HEADER}\n${rows.join("\n")}\n`, list(SUPPORT));
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(
      lines.filter((line) => line.includes("Suport")).map((line) => line.replace(/^error: \S*\//, "error: ")),
    ).toEqual([
      'error: p.csv: no workspace is named "Suport"; the closest: "support" (`dcloud workspaces` lists them) — used by 205 rows (lines 2, 3, 4, 5, 6 and 200 more)',
    ]);
    expect(lines.length).toBeLessThan(5);
    expect(posts).toEqual([]);
  });

  it.each([
    ["an object", { status: 200, body: { workspaces: [SUPPORT] } }, "the answer is an object, not an array"],
    ["an item without a name", list({ workspace_id: SUPPORT.workspace_id }), 'item 1 has nothing as "name"'],
  ])(
    "an answer that is %s: says the API answered unlike its spec, exit 1, nothing sent",
    async (_what, reply, what) => {
      const { result, posts } = await invite(`${HEADER}\na@x.io,A,B,member,support\n`, reply as Reply, ["--json"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`GET /api/v1/workspaces answered unlike its spec: ${what}`);
      expect(result.stderr).not.toMatch(/is not a function|TypeError/);
      expect(JSON.parse(result.stdout).error.code).toBe("unexpected_answer");
      expect(posts).toEqual([]);
    },
  );
});

describe("dcloud workspaces, with an answer unlike the spec", () => {
  it.each([[[]], [["--json"]]])("%j: an error saying so, exit 1, never {} or a JavaScript message", async (extra) => {
    const server = await startServer({ "GET /api/v1/workspaces": { status: 200, body: { workspaces: [] } } });
    const result = await runCli(["workspaces", "--api-url", server.url, ...extra], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("GET /api/v1/workspaces answered unlike its spec: the answer is an object");
    expect(result.stderr).not.toMatch(/is not a function/);
    if (extra.length > 0) expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: "unexpected_answer" } });
    else expect(result.stdout).toBe("");
  });
});
