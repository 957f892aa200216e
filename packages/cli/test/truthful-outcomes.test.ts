// `invited` means the API answered 201, and nothing else does: a redirect to a login page or
// an undocumented 2xx is `failed` with its real status, and --resume sends such rows again.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JANE, KEYS, runCli, tempDir } from "./helpers/cli.js";
import { INVITE_PATH, ME_BODY, ORG_ID, startServer } from "./helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };

describe("a redirect to a login page", () => {
  async function sso() {
    // What a pasted web-app URL or an SSO proxy does: 302 to a login page that answers 200.
    const login = await startServer({ "GET /login": { status: 200, body: "<html>Sign in</html>" } });
    const api = await startServer({
      "GET /api/v1/me": { status: 200, body: ME_BODY },
      [`POST ${INVITE_PATH}`]: { status: 302, headers: { location: `${login.url}/login?next=%2Finvite` } },
    });
    return { api, login };
  }

  it("a single invitation: failed with http_status 302, exit 1, and the login page is never fetched", async () => {
    const { api, login } = await sso();
    const result = await runCli(["invite", ...JANE, "--org", ORG_ID, "--api-url", api.url, "--json"], { env });

    expect(result.code).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(document.summary).toEqual({ invited: 0, already_member: 0, invalid: 0, failed: 1, not_attempted: 0 });
    expect(document.results[0]).toMatchObject({
      status: "failed",
      http_status: 302,
      error: {
        code: "unexpected_status",
        status: 302,
        message: expect.stringContaining(`redirect to ${login.url}/login, not followed`),
      },
    });
    expect(login.requests).toHaveLength(0);
  });

  it("a file run: every row failed, and --resume sends them again rather than skipping them", async () => {
    const { api } = await sso();
    const dir = await tempDir();
    const file = join(dir, "p.csv");
    const report = join(dir, "r.jsonl");
    await writeFile(file, "email,given_name,family_name,role\na@example.com,A,B,member\nb@example.com,B,C,member\n");
    const args = ["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, "--report", report];

    const first = await runCli(args, { env });
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/invited\s+0/);
    expect(first.stdout).toMatch(/failed\s+2/);
    const lines = (await readFile(report, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.status, l.http_status])).toEqual([
      ["failed", 302],
      ["failed", 302],
    ]);

    const posts = () => api.requests.filter((r) => r.method === "POST").length;
    const before = posts();
    await runCli([...args, "--resume"], { env });
    expect(posts() - before).toBe(2);
  });
});

it.each([200, 202, 204])(
  "an undocumented %i to an invitation is failed with that status, not invited",
  async (status) => {
    const api = await startServer({
      [`POST ${INVITE_PATH}`]: { status, ...(status === 204 ? {} : { body: { ok: true } }) },
    });
    const result = await runCli(["invite", ...JANE, "--org", ORG_ID, "--api-url", api.url, "--json"], { env });

    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).results[0]).toMatchObject({ status: "failed", http_status: status });
  },
);
