// The built `dcloud` CLI, run as a child process against a Prism mock of the spec, with
// HOME set to a fresh empty directory and no DEEPSET_* variable but the ones a test sets.
// Every run goes through a proxy in front of Prism, which counts the requests that
// reached it and records Prism's `sl-violations` header; some proxies also add
// `Prefer: code=<status>` to make Prism answer 402 or 409. Expected exit codes and
// output shapes are PRODUCT.md's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliIsBuilt, cliPath, runCli, type CliResult } from "../src/cli.js";
import { startPrism, type RunningPrism } from "../src/prism.js";
import { startPreferProxy, type PreferProxy } from "../src/prefer-proxy.js";

const API_KEY = "sk-contract-cli-0123456789";
/** The organization of the spec's /me example. */
const ME_ORG = "5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const ORG = "0b6f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f";
const ADA = ["--email", "a@example.com", "--given-name", "Ada", "--family-name", "Lovelace"];

let prism: RunningPrism;
let plain: PreferProxy;
let force402: PreferProxy;
let force409: PreferProxy;

beforeAll(async () => {
  if (!cliIsBuilt()) throw new Error(`The CLI is not built (no ${cliPath()}): run \`pnpm build\` first`);
  prism = await startPrism();
  plain = await startPreferProxy(prism.url);
  force402 = await startPreferProxy(prism.url, 402);
  force409 = await startPreferProxy(prism.url, 409);
});

afterAll(async () => {
  await Promise.all([plain?.close(), force402?.close(), force409?.close()]);
  await prism?.close();
});

/** Runs the CLI against `proxy` and returns its result plus the exchanges that reached Prism meanwhile. */
async function dcloud(proxy: PreferProxy, args: string[], env: Record<string, string> = { DEEPSET_CLOUD_API_KEY: API_KEY }) {
  const before = proxy.exchanges.length;
  const beforeRequests = proxy.requests;
  const result = await runCli([...args, "--api-url", proxy.url], { env: { NO_COLOR: "1", ...env } });
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
