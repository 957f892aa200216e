// What `dcloud login` and `dcloud logout` do to ~/.deepset-cloud/.env, the file the official
// Python SDK's `deepset-cloud login` writes and reads: set or remove API_KEY and API_URL in
// its `KEY=value` format, keeping every other line (the SDK's DEFAULT_WORKSPACE_NAME, the
// user's comments) byte for byte.
//
// The file holds a secret: it is written at mode 0600 in a folder at 0700 (an existing file
// or folder with looser modes is tightened), and atomically — the new text goes to a
// temporary file in the same folder, which is then renamed over the old one, so a crash or
// a full disk leaves the old file whole, never half a file. Like python-dotenv's own
// set_key, a symbolic link at the file's place is replaced by the file, not followed.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { CliError } from "../errors.js";
import { type Binding, dotenvValues, parseBindings } from "./dotenv-grammar.js";
import { ENV_FILE_LABEL } from "./env-file.js";

/** The variables dcloud's login writes and logout removes, as the SDK names them. */
export type LoginVariable = "API_KEY" | "API_URL";

export interface Login {
  /** Written as API_KEY. */
  apiKey: string;
  /** Written as API_URL when given (the SDK's form ends in /api/v1; dcloud reads either); else the file's API_URL is kept. */
  apiUrl?: string | undefined;
}

/**
 * Writes API_KEY (and API_URL when given) into the file at `path` (envFilePath(home)),
 * creating it and its folder if need be; every other line is kept. A value the SDK could not
 * read back unchanged (empty, or holding `${`) is refused before anything is written. The
 * value never appears in an error message.
 */
export async function saveLogin(path: string, login: Login): Promise<void> {
  const values = new Map<LoginVariable, string>([["API_KEY", login.apiKey]]);
  if (login.apiUrl !== undefined) values.set("API_URL", login.apiUrl);
  const lines = new Map([...values].map(([key, value]) => [key, `${key}=${encodeValue(key, value)}`]));
  await ensurePrivateFolder(path);
  const text = await readText(path);
  await writeAtomically(path, withVariables(text, lines));
}

/**
 * Removes API_KEY and API_URL from the file, keeping every other line; says which were
 * there. A missing file, or one without them, is left as it is (nothing was to remove).
 */
export async function removeLogin(path: string): Promise<{ removed: LoginVariable[] }> {
  const text = await readText(path);
  const bindings = parseBindings(text);
  const removed = (["API_KEY", "API_URL"] as const).filter((key) => bindings.some((b) => b.key === key));
  if (removed.length === 0) return { removed };
  await ensurePrivateFolder(path);
  await writeAtomically(path, withVariables(text, new Map(removed.map((key) => [key, null]))));
  return { removed };
}

/**
 * The file's text with each named variable's first statement replaced by its new line (or
 * removed, for null) and its later statements removed — a later one would win when read.
 * New variables are appended. Blank lines and comments before a statement stay.
 */
function withVariables(text: string, lines: Map<LoginVariable, string | null>): string {
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  const written = new Set<string>();
  let result = "";
  for (const binding of parseBindings(text)) {
    const line = binding.key === null ? undefined : lines.get(binding.key as LoginVariable);
    if (line === undefined) {
      result += binding.original;
      continue;
    }
    const { lead, end } = surroundings(binding);
    result += lead;
    if (line !== null && !written.has(binding.key as string)) result += line + (end || newline);
    written.add(binding.key as string);
  }
  for (const [key, line] of lines) {
    if (line === null || written.has(key)) continue;
    if (result !== "" && !/[\r\n]$/.test(result)) result += newline;
    result += line + newline;
  }
  return result;
}

/** The blank lines before a statement (its original text starts with them), and its line break. */
function surroundings({ original }: Binding): { lead: string; end: string } {
  const lead = /^\s*[\r\n]/.exec(original)?.[0] ?? "";
  const end = /(\r\n|\n|\r)$/.exec(original)?.[0] ?? "";
  return { lead, end };
}

/**
 * The value as the SDK's reader reads it back: bare when it can be (the SDK's own form),
 * else in single, else in double quotes. Whether a form reads back is asked of the reader
 * itself rather than predicted.
 */
function encodeValue(key: LoginVariable, value: string): string {
  const forms = [value, `'${value}'`, `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`];
  const form = value === "" ? undefined : forms.find((f) => dotenvValues(`${key}=${f}`, {})[key] === value);
  if (form !== undefined) return form;
  // Only a value holding `${` (which the SDK expands), or quotes and backslashes that no
  // quoting carries, gets here; a real key or URL never does.
  throw new CliError(
    key === "API_KEY" ? "invalid_api_key" : "usage",
    `The ${key === "API_KEY" ? "API key" : "API URL"} is empty or cannot be written to ${ENV_FILE_LABEL} ` +
      "so that the SDK reads it back unchanged; nothing was written.",
  );
}

async function ensurePrivateFolder(path: string): Promise<void> {
  const folder = dirname(path);
  await attempt(path, async () => {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await chmod(folder, 0o700);
  });
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw cannot("read", path, error);
  }
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  await attempt(path, async () => {
    const file = await open(temporary, "wx", 0o600);
    try {
      await file.writeFile(text, "utf8");
      // The mode asked of open() passes through the umask; the file's mode is set, not hoped for.
      await file.chmod(0o600);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  }).catch(async (error: unknown) => {
    await rm(temporary, { force: true });
    throw error;
  });
}

async function attempt(path: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw cannot("write", path, error);
  }
}

function cannot(verb: "read" | "write", path: string, error: unknown): CliError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new CliError("usage", `Cannot ${verb} ${ENV_FILE_LABEL} (${path}): ${reason}`);
}
