// `pnpm contract:live` can only really run with a deepset Cloud account. These tests show that
// its wiring works without one: with no key it says so and exits 0 having contacted nothing;
// and against a fake "real API" (a node:http server on 127.0.0.1) behind the same Prism proxy,
// it passes when the fake answers as the spec says, and fails naming the field when it does not.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { freshHome } from "../src/cli.js";
import { liveSettings } from "../src/live.js";

const LIVE = fileURLToPath(new URL("../dist/live.js", import.meta.url));
const KEY = "sk-live-wiring-0123456789";

interface Run {
  code: number | null;
  output: string;
}

/** Runs `node dist/live.js` with only `env` (plus PATH and HOME): no DEEPSET_* variable of the caller leaks in. */
function runLive(env: Record<string, string>): Promise<Run> {
  if (!existsSync(LIVE)) throw new Error(`${LIVE} is missing: run \`pnpm build\` first`);
  return new Promise((resolve, reject) => {
    const home = freshHome();
    const child = spawn(process.execPath, [LIVE], {
      env: { PATH: process.env.PATH ?? "", HOME: home, NO_COLOR: "1", ...env },
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (output += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (output += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", (error) => {
      rmSync(home, { recursive: true, force: true });
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      rmSync(home, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

interface FakeApi {
  url: string;
  /** Every request it received: method, path, whether it carried the key, the body. */
  received: { method: string; path: string; authorized: boolean; body: string }[];
  close(): Promise<void>;
}

/** A stand-in for the real API: what GET /api/v1/me and GET /api/v1/workspaces answer. */
async function fakeApi(me: unknown, workspaces: unknown = WORKSPACES): Promise<FakeApi> {
  const received: FakeApi["received"] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (c: string) => (body += c));
    req.on("end", () => {
      const authorized = req.headers.authorization === `Bearer ${KEY}`;
      received.push({ method: req.method ?? "", path: req.url ?? "", authorized, body });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "content-type": "application/json", "x-request-id": `req-${received.length}` });
        res.end(JSON.stringify(value));
      };
      if (!authorized) return json(401, { detail: "Not authenticated" });
      if (req.method === "GET" && req.url === "/api/v1/me") return json(200, me);
      if (req.method === "GET" && req.url === "/api/v1/workspaces") return json(200, workspaces);
      if (req.method === "POST" && /^\/api\/v1\/organization\/[^/]+\/invitation$/.test(req.url ?? ""))
        return json(201, {});
      return json(404, { detail: "Not Found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const ME = {
  user_id: "0f4c6a52-1c9e-4b6b-9a0e-6f0f5b1f9c2d",
  given_name: "Ada",
  family_name: "Lovelace",
  email: "ada@example.com",
  organization: { organization_id: "5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", name: "Analytical Engines Ltd" },
  // The live API may send more than the spec lists; that is allowed.
  created_at: "2024-01-01T00:00:00Z",
};

const WORKSPACES = [
  {
    name: "default",
    workspace_id: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    languages: {},
    default_idle_timeout_in_seconds: 43200,
    is_default: true,
  },
];

/** Runs `check` against a fake API that is closed afterwards, whatever happens. */
async function withFakeApi(me: unknown, workspaces: unknown, check: (api: FakeApi) => Promise<void>): Promise<void> {
  const api = await fakeApi(me, workspaces);
  try {
    await check(api);
  } finally {
    await api.close();
  }
}

// Concurrent: each test waits on its own `node dist/live.js` (which starts vitest), so they overlap.
describe.concurrent("pnpm contract:live", () => {
  it("without a key: says so, exits 0, contacts nothing", async () => {
    const run = await runLive({ DEEPSET_CLOUD_API_URL: "http://127.0.0.1:9" });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/skipped: DEEPSET_CLOUD_API_KEY is not set, so nothing was sent/);
  });

  it("reads its settings only from the environment: the EU API by default, /api/v1 stripped, invitations opt-in", () => {
    expect(liveSettings({})).toBeNull();
    expect(liveSettings({ DEEPSET_CLOUD_API_KEY: " " })).toBeNull();
    expect(liveSettings({ DEEPSET_CLOUD_API_KEY: "k" })).toEqual({
      apiKey: "k",
      apiUrl: "https://api.cloud.deepset.ai",
      organizationId: undefined,
      inviteEmails: [],
      inviteRole: "member",
    });
    expect(
      liveSettings({
        DEEPSET_CLOUD_API_KEY: "k",
        DEEPSET_CLOUD_API_URL: "https://api.us.deepset.ai/api/v1/",
        DCLOUD_LIVE_INVITE_EMAILS: "a@example.com, b@example.com,",
      }),
    ).toMatchObject({ apiUrl: "https://api.us.deepset.ai", inviteEmails: ["a@example.com", "b@example.com"] });
  });

  it("against an API that answers as the spec says: passes; invalid bodies never reach it; invitations only to the given address", async () => {
    await withFakeApi(ME, WORKSPACES, async (api) => {
      const run = await runLive({
        DEEPSET_CLOUD_API_KEY: KEY,
        DEEPSET_CLOUD_API_URL: api.url,
        DCLOUD_LIVE_INVITE_EMAILS: "ada@example.com",
      });
      expect(run.code, run.output).toBe(0);
      expect(run.output).not.toContain(KEY);
      const invitations = api.received.filter((r) => r.method === "POST");
      // Only the one real invitation, to the given address: the invalid bodies were refused before the API.
      expect(invitations.map((r) => (JSON.parse(r.body) as { email: string }).email)).toEqual(["ada@example.com"]);
      expect(api.received.filter((r) => r.path === "/api/v1/me" && r.authorized).length).toBeGreaterThanOrEqual(3); // dc.getMe, dc.api, CLI
      expect(api.received.filter((r) => r.path === "/api/v1/workspaces" && r.authorized)).toHaveLength(2); // dc.listWorkspaces, dc.api
      // The ignored-auth check: each read-only operation once without a key.
      expect(api.received.filter((r) => !r.authorized)).toEqual([
        { method: "GET", path: "/api/v1/me", authorized: false, body: "" },
        { method: "GET", path: "/api/v1/workspaces", authorized: false, body: "" },
      ]);
    });
  });

  it("against an API whose /me and workspaces break the spec: fails, naming each field", async () => {
    const { organization: _dropped, ...broken } = ME;
    await withFakeApi(broken, [{ name: "default", languages: {} }], async (api) => {
      const run = await runLive({ DEEPSET_CLOUD_API_KEY: KEY, DEEPSET_CLOUD_API_URL: api.url });
      expect(run.code, run.output).not.toBe(0);
      expect(run.output).toMatch(/GET \/api\/v1\/me[\s\S]*organization/);
      expect(run.output).toMatch(/GET \/api\/v1\/workspaces[\s\S]*workspace_id/);
      expect(run.output).toMatch(/sl-violations/);
    });
  });
});
