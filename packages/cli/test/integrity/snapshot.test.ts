// The rows sent are the rows checked: the input is read once, before anything is asked of the
// API, and every later stage (the question's count, --dry-run, sending) works from those rows.
// A file appended to while GET /api/v1/me is pending changes nothing that is sent.

import { existsSync } from "node:fs";
import { appendFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS, runCli, tempDir } from "../helpers/cli.js";
import { INVITE_PATH, listenForThisTest, ME_BODY } from "../helpers/server.js";
import { runOnTerminal } from "../helpers/terminal.js";

const CSV = "email,given_name,family_name,role\na@x.io,A,Alpha,member\nb@x.io,B,Beta,member\n";
const APPENDED = "not-an-email,N,N,member\nmallory@x.io,Mallory,M,admin\n";

/** An API whose GET /api/v1/me first runs `whileMePending` (the answer waits for it), then answers. */
async function apiThatAppends(whileMePending: () => Promise<void>) {
  const posted: { email: string; role: string }[] = [];
  let meCalls = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", async () => {
      if (req.method === "GET" && req.url === "/api/v1/me") {
        meCalls++;
        await whileMePending();
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(ME_BODY));
      } else if (req.method === "POST" && req.url === INVITE_PATH) {
        posted.push(JSON.parse(body));
        res.writeHead(201, { "content-type": "application/json" });
        res.end("{}");
      } else {
        res.writeHead(404, { "content-type": "application/json" });
        res.end('{"detail":"Not Found"}');
      }
    });
  });
  const url = await listenForThisTest(server);
  return { url, posted, meCalls: () => meCalls };
}

describe("a file appended to while the run waits for GET /api/v1/me", () => {
  it("sends the rows that were checked, and only those", async () => {
    const dir = await tempDir();
    const file = join(dir, "people.csv");
    await writeFile(file, CSV);
    const api = await apiThatAppends(() => appendFile(file, APPENDED));
    const result = await runCli(["invite", "--file", file, "--api-url", api.url, "--json"], {
      env: { DEEPSET_CLOUD_API_KEY: KEYS.env },
    });
    expect(api.meCalls()).toBe(1);
    expect(api.posted.map((p) => p.email).sort()).toEqual(["a@x.io", "b@x.io"]);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.summary).toMatchObject({ invited: 2, invalid: 0, failed: 0 });
    expect(document.results.map((r: { email: string }) => r.email)).toEqual(["a@x.io", "b@x.io"]);
  });

  it.runIf(existsSync("/usr/bin/script"))(
    "on a terminal, the question counts the checked rows, and a yes sends exactly them",
    async () => {
      const dir = await tempDir();
      const file = join(dir, "people.csv");
      await writeFile(file, CSV);
      const api = await apiThatAppends(() => appendFile(file, APPENDED));
      const screen = await runOnTerminal(["invite", "--file", file, "--api-url", api.url], dir, {
        type: { when: "[y/N]", text: "y\r" },
      });
      expect(screen.lines.join("\n")).toContain("Invite 2 people to Analytical Engines");
      expect(api.posted.map((p) => p.email).sort()).toEqual(["a@x.io", "b@x.io"]);
      expect(screen.code).toBe(0);
    },
  );
});
