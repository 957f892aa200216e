// A failure that no retry and no other row can mend stops a file run as a 401 does: a TLS
// certificate the machine does not trust (a TLS-inspecting proxy whose CA is not installed),
// a proxy that refuses the tunnel (407 — company proxies lock an account after a few failed
// logins). One error is printed, the rows not yet sent are `not_attempted`, and no more
// handshakes or proxy logins are tried than were in flight when the first one failed.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEYS, runCli, tempDir } from "../helpers/cli.js";
import { startProxy } from "../helpers/connect-proxy.js";
import { makeCertificates, startHttpsServer, type TestCertificates } from "../helpers/https-server.js";
import { usersCsv } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";

let certificates: TestCertificates;
beforeAll(async () => {
  certificates = await makeCertificates();
}, 30_000);
afterAll(() => certificates.remove());

const ROWS = 20;

interface Doc {
  summary: Record<string, number>;
  results: { status: string; error: { code: string; message: string } | null }[];
}

async function fileRun(apiUrl: string, env: Record<string, string>, concurrency: number) {
  const dir = await tempDir();
  const file = join(dir, "people.csv");
  await writeFile(file, usersCsv(ROWS));
  const args = ["invite", "--file", file, "--org", ORG_ID, "--api-url", apiUrl, "--concurrency", `${concurrency}`];
  const text = await runCli(args, { env: { DEEPSET_CLOUD_API_KEY: KEYS.env, ...env }, home: dir });
  const json = await runCli([...args, "--json"], { env: { DEEPSET_CLOUD_API_KEY: KEYS.env, ...env }, home: dir });
  return { text, json, doc: JSON.parse(json.stdout) as Doc };
}

function expectStopped({ text, json, doc }: Awaited<ReturnType<typeof fileRun>>, attempts: number) {
  for (const run of [text, json]) expect(run.code).toBe(1);
  // One error for the row that met it (and for each in flight beside it, in the report only).
  expect(text.stderr.match(/could not invite/g)).toHaveLength(1);
  expect(text.stderr).toContain("the run stopped");
  const failed = doc.results.filter((r) => r.status === "failed");
  expect(failed.length).toBe(attempts);
  expect(doc.summary).toMatchObject({ invited: 0, failed: attempts, not_attempted: ROWS - attempts });
  for (const row of failed) expect(row.error?.code).toBe("connection");
}

describe("a file run that no row can mend", { timeout: 60_000 }, () => {
  it.each([1, 4])(
    "an untrusted certificate (--concurrency %i): one handshake per row in flight, then it stops",
    async (concurrency) => {
      const server = await startHttpsServer(certificates);
      const run = await fileRun(server.url, {}, concurrency);
      // Two runs (text, then --json): each made at most `concurrency` handshakes.
      expect(server.connections).toBeGreaterThanOrEqual(2);
      expect(server.connections).toBeLessThanOrEqual(2 * concurrency);
      expect(server.requests).toEqual([]);
      expectStopped(run, run.doc.results.filter((r) => r.status === "failed").length);
      expect(run.doc.summary.failed).toBeLessThanOrEqual(concurrency);
    },
  );

  it.each([1, 4])(
    "a proxy refusing the tunnel with 407 (--concurrency %i): no login after the first refusals",
    async (concurrency) => {
      const server = await startHttpsServer(certificates);
      const proxy = await startProxy({ refuse: 407 });
      const run = await fileRun(
        server.url,
        { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: certificates.caFile },
        concurrency,
      );
      expect(proxy.tunnels.length).toBeGreaterThanOrEqual(2);
      expect(proxy.tunnels.length).toBeLessThanOrEqual(2 * concurrency);
      expect(server.requests).toEqual([]);
      expectStopped(run, run.doc.results.filter((r) => r.status === "failed").length);
      expect(run.doc.summary.failed).toBeLessThanOrEqual(concurrency);
      expect(run.text.stderr).toContain("407");
    },
  );
});
