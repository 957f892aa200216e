// What `dcloud login` / `dcloud logout` do to ~/.deepset-cloud/.env: API_KEY and API_URL set
// or removed in the SDK's KEY=value format, every other line kept, the file at 0600 in a
// folder at 0700, written by rename. What is written is read back, by dcloud and by the SDK's
// rules (python-dotenv's grammar), as the value given.
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { afterEach, describe, expect, it } from "vitest";
import { CliError } from "../../src/errors.js";
import { dotenvValues } from "../../src/settings/dotenv-grammar.js";
import { envFilePath, readEnvFile } from "../../src/settings/env-file.js";
import { removeLogin, saveLogin } from "../../src/settings/login-file.js";

const KEY = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.s1g#N4_ture-x";
/** The file the SDK's `deepset-cloud login` writes for the US region, byte for byte. */
const SDK_FILE = "API_KEY=old_key\nAPI_URL=http://api.us.deepset.ai/api/v1\nDEFAULT_WORKSPACE_NAME=default";

const homes: string[] = [];
afterEach(async () => {
  await Promise.all(homes.splice(0).map((home) => rm(home, { recursive: true, force: true })));
});

/** A fresh home; with `contents`, its ~/.deepset-cloud/.env holds them. */
async function home(contents?: string, modes = { folder: 0o755, file: 0o644 }) {
  const dir = await mkdtemp(join(tmpdir(), "dcloud-login-test-"));
  homes.push(dir);
  const path = envFilePath(dir);
  if (contents !== undefined) {
    await mkdir(join(dir, ".deepset-cloud"), { mode: modes.folder });
    await writeFile(path, contents, { mode: modes.file });
  }
  return path;
}

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
const text = (path: string) => readFile(path, "utf8");

describe("saveLogin", () => {
  it("creates the folder (0700) and the file (0600) in the SDK's KEY=value format", async () => {
    const path = await home();
    await saveLogin(path, { apiKey: KEY, apiUrl: "https://api.us.deepset.ai/api/v1" });
    expect(await text(path)).toBe(`API_KEY=${KEY}\nAPI_URL=https://api.us.deepset.ai/api/v1\n`);
    expect(await modeOf(path)).toBe(0o600);
    expect(await modeOf(join(path, ".."))).toBe(0o700);
    expect(readEnvFile(path, {})).toEqual({ API_KEY: KEY, API_URL: "https://api.us.deepset.ai/api/v1" });
  });

  it("replaces the SDK's values in place and keeps its other line, and tightens loose modes", async () => {
    const path = await home(SDK_FILE, { folder: 0o755, file: 0o644 });
    await saveLogin(path, { apiKey: KEY, apiUrl: "https://api.cloud.deepset.ai" });
    expect(await text(path)).toBe(
      `API_KEY=${KEY}\nAPI_URL=https://api.cloud.deepset.ai\nDEFAULT_WORKSPACE_NAME=default`,
    );
    expect(await modeOf(path)).toBe(0o600);
    expect(await modeOf(join(path, ".."))).toBe(0o700);
  });

  it("keeps the file's API_URL when none is given", async () => {
    const path = await home(SDK_FILE);
    await saveLogin(path, { apiKey: KEY });
    expect(await text(path)).toBe(`API_KEY=${KEY}\n${SDK_FILE.split("\n").slice(1).join("\n")}`);
  });

  it("keeps comments, blank lines, CRLF and unreadable lines; appends after a last line without newline", async () => {
    const path = await home("# mine\r\n\r\nOTHER='x y'\r\nnot a statement\r\nLAST=1");
    await saveLogin(path, { apiKey: KEY });
    expect(await text(path)).toBe(`# mine\r\n\r\nOTHER='x y'\r\nnot a statement\r\nLAST=1\r\nAPI_KEY=${KEY}\r\n`);
  });

  it("writes the key once: a duplicate below (which would win when read) goes", async () => {
    const path = await home("API_KEY=a\nX=1\nexport API_KEY='b'\n");
    await saveLogin(path, { apiKey: KEY });
    expect(await text(path)).toBe(`API_KEY=${KEY}\nX=1\n`);
  });

  it("replaces the file by rename (a new file, not the old one written over) and leaves no temporary file", async () => {
    const path = await home(SDK_FILE);
    const before = (await stat(path)).ino;
    await saveLogin(path, { apiKey: KEY });
    expect((await stat(path)).ino).not.toBe(before);
    expect(await readdir(join(path, ".."))).toEqual([".env"]);
  });

  it("replaces a symbolic link at the file's place with the file, as python-dotenv does, and leaves its target alone", async () => {
    const path = await home();
    const target = join(path, "..", "..", "elsewhere");
    await writeFile(target, "API_KEY=theirs\n");
    await mkdir(join(path, ".."));
    await symlink(target, path);
    await saveLogin(path, { apiKey: KEY });
    expect((await lstat(path)).isFile()).toBe(true);
    expect(await text(target)).toBe("API_KEY=theirs\n");
  });

  it.each([
    ["an empty key", "", "invalid_api_key"],
    ["a key the SDK would expand", `dc_\${HOME}_key`, "invalid_api_key"],
  ])("refuses %s without writing anything or quoting it", async (_, apiKey, code) => {
    const path = await home(SDK_FILE);
    const error = await saveLogin(path, { apiKey }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe(code);
    if (apiKey) expect((error as Error).message).not.toContain(apiKey);
    expect(await text(path)).toBe(SDK_FILE);
  });

  it("says which file it cannot write, as a CLI error", async () => {
    const path = await home();
    await writeFile(join(path, ".."), "a file where the folder should be");
    await expect(saveLogin(path, { apiKey: KEY })).rejects.toThrow(
      /^Cannot write ~\/\.deepset-cloud\/\.env \(.+\): (EEXIST|ENOTDIR)$/,
    );
  });

  test.prop([
    fc.string({ unit: fc.constantFrom(..."aZ09_-.#'\"\\ =$}{\t"), minLength: 1 }),
    fc.constantFrom("", SDK_FILE, "# c\nOTHER=1\n", "API_KEY=x\r\nAPI_KEY=y"),
  ])("a key written is the key the SDK reads back, and the other variables stay", async (apiKey, before) => {
    const path = await home(before);
    const others = Object.entries(dotenvValues(before, {})).filter(([k]) => k !== "API_KEY");
    try {
      await saveLogin(path, { apiKey });
    } catch (error) {
      // Refused only when no form reads back: the file is then untouched.
      expect(error).toBeInstanceOf(CliError);
      expect(apiKey.includes("${") || /['"\\]/.test(apiKey) || apiKey.trim() !== apiKey).toBe(true);
      if (before) expect(await text(path)).toBe(before);
      return;
    }
    const after = dotenvValues(await text(path), {});
    expect(after.API_KEY).toBe(apiKey);
    expect(Object.entries(after).filter(([k]) => k !== "API_KEY")).toEqual(others);
  });
});

describe("removeLogin", () => {
  it("removes API_KEY and API_URL, keeps the rest, and says what was there", async () => {
    const path = await home(SDK_FILE);
    expect(await removeLogin(path)).toEqual({ removed: ["API_KEY", "API_URL"] });
    expect(await text(path)).toBe("DEFAULT_WORKSPACE_NAME=default");
    expect(await modeOf(path)).toBe(0o600);
  });

  it("removes every occurrence, so no older key comes back", async () => {
    const path = await home("API_KEY=a\n# keep\nAPI_KEY=b\n");
    expect(await removeLogin(path)).toEqual({ removed: ["API_KEY"] });
    expect(await text(path)).toBe("# keep\n");
  });

  it("with nothing to remove, says so and leaves the file as it is", async () => {
    const path = await home("DEFAULT_WORKSPACE_NAME=default\n", { folder: 0o755, file: 0o644 });
    expect(await removeLogin(path)).toEqual({ removed: [] });
    expect(await text(path)).toBe("DEFAULT_WORKSPACE_NAME=default\n");
    expect(await modeOf(path)).toBe(0o644);
  });

  it("with no file, says nothing was there and creates nothing", async () => {
    const path = await home();
    expect(await removeLogin(path)).toEqual({ removed: [] });
    await expect(stat(join(path, ".."))).rejects.toThrow("ENOENT");
  });
});
