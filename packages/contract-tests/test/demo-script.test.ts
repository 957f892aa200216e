// `pnpm demo` is a newcomer's first command: on a fresh machine it must show the demo, not
// turbo's telemetry notice, which turbo prints on its first run under a new home directory.
// The script's build step is run here as the script writes it, under a fresh HOME, with
// turbo's --dry-run so that nothing is built (other tests use the built packages meanwhile).
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const homes: string[] = [];
afterEach(async () => {
  await Promise.all(homes.splice(0).map((home) => rm(home, { recursive: true, force: true })));
});

it("the demo's build step prints no turbo telemetry notice on a fresh machine", async () => {
  const pkg = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const [build = ""] = pkg.scripts.demo?.split("&&") ?? [];
  expect(build).toContain("turbo run build");
  const home = await mkdtemp(join(tmpdir(), "dcloud-demo-home-"));
  homes.push(home);
  // Only what a fresh shell has: no TURBO_* or DO_NOT_TRACK of this machine leaks in.
  const env = { PATH: [join(ROOT, "node_modules", ".bin"), process.env.PATH].join(delimiter), HOME: home };
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn("sh", ["-c", `${build.trim()} --dry-run=json`], { cwd: ROOT, env });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => (text += chunk));
    child.stderr.on("data", (chunk: Buffer) => (text += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${code}: ${text}`))));
  });
  expect(output).toContain('"tasks"');
  expect(output).not.toMatch(/telemetry/i);
});
