// The built `dcloud` CLI, run as a child process against a Prism mock of the spec, with
// HOME set to a fresh empty directory and no DEEPSET_* variable but the ones a test sets.
// Every run goes through a proxy in front of Prism, which counts the requests that
// reached it and records Prism's `sl-violations` header; some proxies also add
// `Prefer: code=<status>` to make Prism answer 402 or 409. Expected exit codes and
// output shapes are the README's.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, cliIsBuilt, cliPath, runCli } from "../src/cli.js";
import { type PreferProxy, startPreferProxy } from "../src/prefer-proxy.js";
import { type RunningPrism, startPrism } from "../src/prism.js";

const API_KEY = "sk-contract-cli-0123456789";
/** The organization of the spec's /me example. */
const ME_ORG = "5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const ORG = "0b6f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f";
const ADA = ["--email", "a@example.com", "--given-name", "Ada", "--family-name", "Lovelace"];

let prism: RunningPrism;
let plain: PreferProxy;
let force402: PreferProxy;
let force409: PreferProxy;
let force422: PreferProxy;
let force503: PreferProxy;
/** Drops the Authorization header, so Prism's bearer check answers 401. */
let noAuth: PreferProxy;
const EXAMPLES = fileURLToPath(new URL("../../../examples/", import.meta.url));
const SAMPLE_CSV = path.join(EXAMPLES, "invitees.csv");
const SAMPLE_JSONL = path.join(EXAMPLES, "invitees.jsonl");
/** The sample files' rows (the CSV and the JSON Lines file hold the same people). */
const SAMPLE_ROWS = 7;
const work = mkdtempSync(path.join(tmpdir(), "dcloud-cli-contract-"));

beforeAll(async () => {
  if (!cliIsBuilt()) throw new Error(`The CLI is not built (no ${cliPath()}): run \`pnpm build\` first`);
  prism = await startPrism();
  plain = await startPreferProxy(prism.url);
  force402 = await startPreferProxy(prism.url, 402);
  force409 = await startPreferProxy(prism.url, 409);
  force422 = await startPreferProxy(prism.url, 422);
  force503 = await startPreferProxy(prism.url, 503);
  noAuth = await startPreferProxy(prism.url, undefined, { stripAuthorization: true });
});

afterAll(async () => {
  await Promise.all([plain, force402, force409, force422, force503, noAuth].map((p) => p?.close()));
  await prism?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Runs the CLI against `proxy` and returns its result plus the exchanges that reached Prism meanwhile. */
async function dcloud(
  proxy: PreferProxy,
  args: string[],
  env: Record<string, string> = { DEEPSET_CLOUD_API_KEY: API_KEY },
  stdin?: string,
) {
  const before = proxy.exchanges.length;
  const beforeRequests = proxy.requests;
  const result = await runCli([...args, "--api-url", proxy.url], {
    env: { NO_COLOR: "1", ...env },
    ...(stdin === undefined ? {} : { stdin }),
  });
  const exchanges = proxy.exchanges.slice(before);
  // Whatever happened, the key never shows, and nothing sent broke the spec.
  expect(result.stdout + result.stderr).not.toContain(API_KEY);
  for (const e of exchanges) expect(e.violations, `${e.method} ${e.path}`).toBeUndefined();
  return { ...result, exchanges, requests: proxy.requests - beforeRequests };
}

function explain(result: CliResult): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

function parseJson(result: CliResult): Record<string, unknown> {
  try {
    return JSON.parse(result.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`stdout is not one JSON document:\n${explain(result)}`);
  }
}

describe("dcloud invite (one user)", () => {
  it("exits 0 when the user is invited (201)", async () => {
    const run = await dcloud(plain, ["invite", ...ADA, "--role", "MEMBER", "--org", ORG]);
    expect(run.code, explain(run)).toBe(0);
    expect(run.exchanges.map((e) => [e.method, e.path, e.status])).toEqual([
      ["POST", `/api/v1/organization/${ORG}/invitation`, 201],
    ]);
  });

  it("with --json prints the summary and the row's result", async () => {
    const run = await dcloud(plain, ["invite", ...ADA, "--role", "MEMBER", "--org", ORG, "--json"]);
    expect(run.code, explain(run)).toBe(0);
    expect(parseJson(run)).toMatchObject({
      summary: { invited: 1, already_member: 0, invalid: 0, failed: 0, not_attempted: 0 },
      results: [{ email: "a@example.com", status: "invited", http_status: 201, attempts: 1, error: null }],
    });
  });

  it("exits 3 when the plan does not allow invitations (forced 402), after one request", async () => {
    const run = await dcloud(force402, ["invite", ...ADA, "--role", "MEMBER", "--org", ORG]);
    expect(run.code, explain(run)).toBe(3);
    expect(run.exchanges.map((e) => e.status)).toEqual([402]);
  });

  it("exits 0 when the user is already a member (forced 409)", async () => {
    const run = await dcloud(force409, ["invite", ...ADA, "--role", "MEMBER", "--org", ORG, "--json"]);
    expect(run.code, explain(run)).toBe(0);
    expect(run.exchanges.map((e) => e.status)).toEqual([409]);
    expect(parseJson(run)).toMatchObject({
      summary: { invited: 0, already_member: 1 },
      results: [{ status: "already_member", http_status: 409 }],
    });
  });

  it("exits 4 without an API key, and sends nothing", async () => {
    const run = await dcloud(plain, ["invite", ...ADA, "--role", "MEMBER", "--org", ORG], {});
    expect(run.code, explain(run)).toBe(4);
    expect(run.requests).toBe(0);
  });

  it("without an API key and with --json prints one error document", async () => {
    const run = await dcloud(plain, ["invite", ...ADA, "--role", "MEMBER", "--org", ORG, "--json"], {});
    expect(run.code, explain(run)).toBe(4);
    expect(run.requests).toBe(0);
    expect(parseJson(run)).toEqual({
      error: { code: expect.any(String), status: null, message: expect.any(String) },
    });
  });

  it("exits 2 without --role, and sends nothing", async () => {
    const run = await dcloud(plain, ["invite", ...ADA, "--org", ORG]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.requests).toBe(0);
  });

  it("without --org, learns the organization from GET /api/v1/me", async () => {
    const run = await dcloud(plain, ["invite", ...ADA, "--role", "MEMBER"]);
    expect(run.code, explain(run)).toBe(0);
    expect(run.exchanges.map((e) => [e.method, e.path, e.status])).toEqual([
      ["GET", "/api/v1/me", 200],
      ["POST", `/api/v1/organization/${ME_ORG}/invitation`, 201],
    ]);
  });
});

describe("dcloud whoami", () => {
  it("--json exits 0 and prints the /me body with its organization", async () => {
    const run = await dcloud(plain, ["whoami", "--json"]);
    expect(run.code, explain(run)).toBe(0);
    expect(parseJson(run)).toMatchObject({
      email: "ada@example.com",
      organization: { organization_id: ME_ORG, name: expect.any(String) },
    });
    expect(run.exchanges.map((e) => [e.method, e.path, e.status])).toEqual([["GET", "/api/v1/me", 200]]);
  });
});

describe("dcloud workspaces, and workspaces by name", () => {
  // The spec's example for GET /api/v1/workspaces, which Prism answers with.
  const MARKETING = "9b2d1c4e-8f7a-4b6c-a1d2-e3f4a5b6c7d8";

  it("--json prints the array Prism answers, a table without it", async () => {
    const json = await dcloud(plain, ["workspaces", "--json"]);
    expect(json.code, explain(json)).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "marketing", workspace_id: MARKETING })]),
    );
    expect(json.exchanges.map((e) => [e.method, e.path, e.status])).toEqual([["GET", "/api/v1/workspaces", 200]]);
    const table = await dcloud(plain, ["workspaces"]);
    expect(table.stdout).toMatch(new RegExp(`marketing\\s+${MARKETING}`));
  });

  it("invite --workspace marketing resolves it with one list, then sends an invitation the spec accepts", async () => {
    const run = await dcloud(plain, ["invite", ...ADA, "--role", "member", "--org", ORG, "--workspace", "marketing"]);
    expect(run.code, explain(run)).toBe(0);
    expect(run.exchanges.map((e) => [e.method, e.path, e.status])).toEqual([
      ["GET", "/api/v1/workspaces", 200],
      ["POST", `/api/v1/organization/${ORG}/invitation`, 201],
    ]);
    const dry = await dcloud(
      plain,
      ["invite", "--file", "-", "--org", ORG, "--dry-run", "--json"],
      undefined,
      "email,given_name,family_name,role,workspaces\na@example.com,A,B,member,marketing\n",
    );
    expect(
      (parseJson(dry).dry_run as { requests: { body: { workspace_ids: string[] } }[] }).requests[0]?.body.workspace_ids,
    ).toEqual([MARKETING]);
  });

  it("an unknown name exits 2 after the list alone, with the closest name", async () => {
    const run = await dcloud(plain, ["invite", ...ADA, "--role", "member", "--org", ORG, "--workspace", "marketting"]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain('the closest: "marketing"');
    expect(run.exchanges.map((e) => [e.method, e.path])).toEqual([["GET", "/api/v1/workspaces"]]);
  });
});

describe("dcloud invite (one user): every status the spec documents, and Prism's 401", () => {
  it("exits 1 on a forced 422, reporting the row failed with its status", async () => {
    const run = await dcloud(force422, ["invite", ...ADA, "--role", "MEMBER", "--org", ORG, "--json"]);
    expect(run.code, explain(run)).toBe(1);
    expect(run.exchanges.map((e) => e.status)).toEqual([422]);
    expect(parseJson(run)).toMatchObject({
      summary: { failed: 1 },
      results: [{ status: "failed", http_status: 422, error: { status: 422 } }],
    });
  });

  it("exits 1 on a forced 503 (with --max-retries 0: one request)", async () => {
    const run = await dcloud(force503, [
      "invite",
      ...ADA,
      "--role",
      "MEMBER",
      "--org",
      ORG,
      "--max-retries",
      "0",
      "--json",
    ]);
    expect(run.code, explain(run)).toBe(1);
    expect(run.exchanges.map((e) => e.status)).toEqual([503]);
    expect(parseJson(run)).toMatchObject({ results: [{ status: "failed", http_status: 503 }] });
  });

  it("exits 4 when Prism refuses the request for lack of a bearer token (401)", async () => {
    const run = await dcloud(noAuth, ["invite", ...ADA, "--role", "MEMBER", "--org", ORG]);
    expect(run.code, explain(run)).toBe(4);
    expect(run.exchanges.map((e) => e.status)).toEqual([401]);
  });

  it("whoami exits 4 on a 401, with one error document under --json", async () => {
    const run = await dcloud(noAuth, ["whoami", "--json"]);
    expect(run.code, explain(run)).toBe(4);
    expect(run.exchanges.map((e) => [e.path, e.status])).toEqual([["/api/v1/me", 401]]);
    expect(parseJson(run)).toEqual({ error: { code: expect.any(String), status: 401, message: expect.any(String) } });
  });

  it("exits 2 for a workspace ID that is not a UUID, and sends nothing", async () => {
    const run = await dcloud(plain, [
      "invite",
      ...ADA,
      "--role",
      "MEMBER",
      "--org",
      ORG,
      "--workspace-id",
      "not-a-uuid",
    ]);
    expect(run.code, explain(run)).toBe(2);
    expect(run.requests).toBe(0);
  });
});

describe("dcloud invite --file (the samples in examples/)", () => {
  const summaryOf = (run: CliResult) => parseJson(run).summary as Record<string, number>;

  it("invites every row of the sample CSV: exit 0, one valid POST per row, a report line per row", async () => {
    const report = path.join(work, "csv-report.jsonl");
    const run = await dcloud(plain, [
      "invite",
      "--file",
      SAMPLE_CSV,
      "--role",
      "member",
      "--org",
      ORG,
      "--report",
      report,
      "--json",
    ]);
    expect(run.code, explain(run)).toBe(0);
    expect(summaryOf(run)).toMatchObject({
      invited: SAMPLE_ROWS,
      already_member: 0,
      invalid: 0,
      failed: 0,
      not_attempted: 0,
    });
    expect(run.exchanges).toHaveLength(SAMPLE_ROWS);
    for (const e of run.exchanges)
      expect([e.method, e.path, e.status]).toEqual(["POST", `/api/v1/organization/${ORG}/invitation`, 201]);
    const lines = readFileSync(report, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { line: number; status: string });
    expect(lines.map((l) => l.status)).toEqual(Array(SAMPLE_ROWS).fill("invited"));
    expect(lines.map((l) => l.line).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8]);

    // Resumed with the same report, nothing is left to send.
    const again = await dcloud(plain, [
      "invite",
      "--file",
      SAMPLE_CSV,
      "--role",
      "member",
      "--org",
      ORG,
      "--report",
      report,
      "--resume",
      "--json",
    ]);
    expect(again.code, explain(again)).toBe(0);
    expect(again.requests).toBe(0);
  });

  it("invites every row of the sample CSV read from standard input, and of the sample JSON Lines file", async () => {
    const run = await dcloud(
      plain,
      ["invite", "--file", "-", "--role", "member", "--org", ORG, "--json"],
      { DEEPSET_CLOUD_API_KEY: API_KEY },
      readFileSync(SAMPLE_CSV, "utf8"),
    );
    expect(run.code, explain(run)).toBe(0);
    expect(summaryOf(run)).toMatchObject({ invited: SAMPLE_ROWS });
    const jsonl = await dcloud(plain, ["invite", "--file", SAMPLE_JSONL, "--role", "member", "--org", ORG, "--json"]);
    expect(jsonl.code, explain(jsonl)).toBe(0);
    expect(summaryOf(jsonl)).toMatchObject({ invited: SAMPLE_ROWS });
    expect(jsonl.exchanges.map((e) => e.status)).toEqual(Array(SAMPLE_ROWS).fill(201));
  });

  it("--dry-run sends nothing and exits 0", async () => {
    const run = await dcloud(plain, ["invite", "--file", SAMPLE_CSV, "--role", "member", "--org", ORG, "--dry-run"]);
    expect(run.code, explain(run)).toBe(0);
    expect(run.requests).toBe(0);
  });

  it("exits 0 when every row is already a member (forced 409)", async () => {
    const run = await dcloud(force409, ["invite", "--file", SAMPLE_CSV, "--role", "member", "--org", ORG, "--json"]);
    expect(run.code, explain(run)).toBe(0);
    expect(summaryOf(run)).toMatchObject({ invited: 0, already_member: SAMPLE_ROWS });
  });

  it("stops at a 402 (exit 3): one request, every other row not_attempted", async () => {
    const run = await dcloud(force402, [
      "invite",
      "--file",
      SAMPLE_CSV,
      "--role",
      "member",
      "--org",
      ORG,
      "--concurrency",
      "1",
      "--json",
    ]);
    expect(run.code, explain(run)).toBe(3);
    expect(run.requests).toBe(1);
    expect(summaryOf(run)).toMatchObject({ failed: 1, not_attempted: SAMPLE_ROWS - 1 });
  });

  it("stops at a 401 (exit 4): one request, every other row not_attempted", async () => {
    const run = await dcloud(noAuth, [
      "invite",
      "--file",
      SAMPLE_CSV,
      "--role",
      "member",
      "--org",
      ORG,
      "--concurrency",
      "1",
      "--json",
    ]);
    expect(run.code, explain(run)).toBe(4);
    expect(run.requests).toBe(1);
    expect(summaryOf(run)).toMatchObject({ not_attempted: SAMPLE_ROWS - 1 });
  });

  it.each([
    [422, () => force422],
    [503, () => force503],
  ])("exits 1 when every row gets a forced %i: all failed, none skipped", async (code, proxy) => {
    const run = await dcloud(proxy(), [
      "invite",
      "--file",
      SAMPLE_CSV,
      "--role",
      "member",
      "--org",
      ORG,
      "--max-retries",
      "0",
      "--json",
    ]);
    expect(run.code, explain(run)).toBe(1);
    expect(summaryOf(run)).toMatchObject({ failed: SAMPLE_ROWS, invited: 0 });
    expect(run.exchanges.map((e) => e.status)).toEqual(Array(SAMPLE_ROWS).fill(code));
  });

  it("exits 2 and sends nothing when a row is invalid", async () => {
    const bad = "email,given_name,family_name,role,workspace_ids\nada@example.com,Ada,Lovelace,member,not-a-uuid\n";
    const run = await dcloud(plain, ["invite", "--file", "-", "--org", ORG], { DEEPSET_CLOUD_API_KEY: API_KEY }, bad);
    expect(run.code, explain(run)).toBe(2);
    expect(run.requests).toBe(0);
    expect(run.stderr).toMatch(/line 2/);
    expect(run.stderr).toMatch(/workspace_ids/);
  });
});
