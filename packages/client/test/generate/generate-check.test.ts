import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const script = fileURLToPath(new URL("../../../../scripts/generate.mjs", import.meta.url));
const committed = fileURLToPath(new URL("../../src/generated", import.meta.url));

async function check(dir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, "--check", "--out", dir]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

// Each case runs the generator in a child process (openapi-typescript and Ajv load for a second or two).
describe("pnpm generate --check", { timeout: 30_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "dcloud-generated-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("passes on the committed generated files (they match the spec)", async () => {
    const { code, output } = await check(committed);
    expect(output).not.toContain("✗");
    expect(code).toBe(0);
  });

  it("fails, naming the file, after a hand edit of a generated file", async () => {
    await cp(committed, dir, { recursive: true });
    const file = join(dir, "openapi.ts");
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace("workspace_ids?: string[]", "workspace_ids: string[]"),
    );

    const { code, output } = await check(dir);

    expect(code).toBe(1);
    expect(output).toMatch(/✗ .*openapi\.ts is stale or edited by hand/);
    expect(output).toContain("Run `pnpm generate`");
  });

  it("fails when a generated file is missing", async () => {
    await cp(committed, dir, { recursive: true });
    await rm(join(dir, "operations.ts"));

    const { code, output } = await check(dir);

    expect(code).toBe(1);
    expect(output).toMatch(/✗ .*operations\.ts is missing/);
  });
});
