// Workspaces by name: `dcloud workspaces` lists them; `--workspace NAME` and a file's
// `workspaces` column name them, resolved with one list per run; an unknown name is an
// input error that names the row and suggests the closest names, and nothing is sent.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JANE, KEYS, runCli, tempDir } from "./helpers/cli.js";
import { INVITE_PATH, ME_BODY, ORG_ID, startServer } from "./helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };
const WORKSPACES = [
  {
    name: "marketing",
    workspace_id: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    languages: {},
    default_idle_timeout_in_seconds: 43200,
  },
  {
    name: "market-research",
    workspace_id: "9b2d1c4e-8f7a-4b6c-a1d2-e3f4a5b6c7d8",
    languages: {},
    default_idle_timeout_in_seconds: 43200,
    extra: true,
  },
  {
    name: "legal",
    workspace_id: "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5",
    languages: {},
    default_idle_timeout_in_seconds: 43200,
  },
];
const routes = {
  "GET /api/v1/me": { status: 200, body: ME_BODY },
  "GET /api/v1/workspaces": { status: 200, body: WORKSPACES },
  [`POST ${INVITE_PATH}`]: { status: 201, body: {} },
};
const lists = (server: { requests: { method: string; url: string }[] }) =>
  server.requests.filter((r) => r.url === "/api/v1/workspaces").length;
const bodies = (server: { requests: { method: string; body: string }[] }) =>
  server.requests.filter((r) => r.method === "POST").map((r) => JSON.parse(r.body));

describe("dcloud workspaces", () => {
  it("prints their names and IDs as a table", async () => {
    const server = await startServer(routes);
    const result = await runCli(["workspaces", "--api-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toMatch(/^NAME\s+WORKSPACE ID$/);
    expect(result.stdout).toMatch(/legal\s+0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5/);
    expect(result.stdout).toMatch(/marketing\s+3fa85f64-5717-4562-b3fc-2c963f66afa6/);
  });

  it("--json prints the array as the API gives it", async () => {
    const server = await startServer(routes);
    const result = await runCli(["workspaces", "--api-url", server.url, "--json"], { env });
    expect(JSON.parse(result.stdout)).toEqual(WORKSPACES);
  });
});

describe("--workspace NAME", () => {
  it("is resolved to its ID with one list, and sent with the --workspace-id given too", async () => {
    const server = await startServer(routes);
    const args = [
      "invite",
      ...JANE,
      "--workspace",
      "legal",
      "--workspace",
      "marketing",
      "--workspace-id",
      "11111111-2222-4333-8444-555555555555",
    ];
    const result = await runCli([...args, "--org", ORG_ID, "--api-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(lists(server)).toBe(1);
    expect(bodies(server)[0].workspace_ids).toEqual([
      "11111111-2222-4333-8444-555555555555",
      "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5",
      "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    ]);
  });

  it("an unknown name is an input error with the closest names, and nothing is sent", async () => {
    const server = await startServer(routes);
    const result = await runCli(
      ["invite", ...JANE, "--workspace", "Marketng", "--org", ORG_ID, "--api-url", server.url],
      { env },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--workspace: no workspace is named "Marketng"; the closest: "marketing"');
    expect(bodies(server)).toEqual([]);
  });
});

describe("a workspaces column", () => {
  async function run(csv: string, extra: string[] = []) {
    const server = await startServer(routes);
    const file = join(await tempDir(), "p.csv");
    await writeFile(file, csv);
    const result = await runCli(["invite", "--file", file, "--org", ORG_ID, "--api-url", server.url, ...extra], {
      env,
    });
    return { server, result };
  }

  it("names are resolved once for the whole file and added to each row's workspace_ids", async () => {
    const csv =
      "email,given_name,family_name,role,workspaces\na@x.io,A,B,member,legal;marketing\nb@x.io,B,C,member,legal\nc@x.io,C,D,member,\n";
    const { server, result } = await run(csv, ["--workspace", "market-research"]);
    expect(result.code).toBe(0);
    expect(lists(server)).toBe(1);
    expect(bodies(server).map((b) => [b.email, b.workspace_ids])).toEqual([
      ["a@x.io", ["0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5", "3fa85f64-5717-4562-b3fc-2c963f66afa6"]],
      ["b@x.io", ["0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5"]],
      // An empty cell takes --workspace, as --workspace-id fills empty workspace_ids.
      ["c@x.io", ["9b2d1c4e-8f7a-4b6c-a1d2-e3f4a5b6c7d8"]],
    ]);
  });

  it("an unknown name is told once, with the rows that use it; nothing is sent", async () => {
    const csv =
      "email,given_name,family_name,role,workspaces\na@x.io,A,B,member,legal\nb@x.io,B,C,member,lgeal\nc@x.io,C,D,member,lgeal\n";
    const { server, result } = await run(csv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('p.csv: no workspace is named "lgeal"; the closest: "legal"');
    expect(result.stderr).toContain("used by 2 rows (lines 3, 4)");
    expect(result.stderr.match(/lgeal/g)).toHaveLength(1);
    expect(result.stderr).toContain("2 of 3 rows");
    expect(bodies(server)).toEqual([]);
  });

  it("--dry-run resolves the names too", async () => {
    const { server, result } = await run("email,given_name,family_name,role,workspaces\na@x.io,A,B,member,legal\n", [
      "--dry-run",
      "--json",
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).dry_run.requests[0].body.workspace_ids).toEqual([
      "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5",
    ]);
    expect(bodies(server)).toEqual([]);
  });
});
