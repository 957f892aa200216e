// `dcloud completion bash|zsh|fish`: the model read from a commander program, the three
// script builders (checked by each shell's own parser, and bash and fish by asking them
// to complete), the command in-process, and the built CLI.
import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type CommandUnknownOpts as Command, CommanderError, Option } from "@commander-js/extra-typings";
import { describe, expect, it } from "vitest";
import { bashScript } from "../src/commands/completion/bash.js";
import { fishScript } from "../src/commands/completion/fish.js";
import { allLongFlags, type CompletionModel, completionModel } from "../src/commands/completion/model.js";
import { zshScript } from "../src/commands/completion/zsh.js";
import type { ExitCode } from "../src/exit-codes.js";
import { buildProgram } from "../src/program.js";
import type { Runtime } from "../src/runtime.js";
import { runCli, tempDir } from "./helpers/cli.js";

const GLOBAL_FLAGS = [
  "--api-url",
  "--region",
  "--api-key-file",
  "--json",
  "--quiet",
  "--debug",
  "--no-color",
  "--timeout",
  "--max-retries",
  "--allow-insecure-http",
  "--help",
  "--version",
];
// The README's `dcloud invite` synopsis, one and bulk.
const INVITE_FLAGS = [
  "--email",
  "--given-name",
  "--family-name",
  "--role",
  "--workspace",
  "--workspace-id",
  "--org",
  "--file",
  "--concurrency",
  "--report",
  "--failed-rows",
  "--resume",
  "--dry-run",
  "--skip-invalid",
  "--yes",
];

/** The real program, as `dcloud` builds it, with its output captured. */
function realProgram(): { program: Command; stdout: string[]; result: { exitCode: ExitCode } } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const runtime: Runtime = {
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text) },
    stdin: (async function* () {})(),
    env: {},
    home: "/nonexistent",
    interactive: false,
    readAnswer: async () => "",
    secretInput: () => undefined,
    onInterrupt: () => () => {},
    exitNow: (code: number) => {
      throw new Error(`exitNow(${code})`);
    },
  };
  const result: { exitCode: ExitCode } = { exitCode: 0 };
  return { program: buildProgram(runtime, result), stdout, result };
}

const model = (): CompletionModel => completionModel(realProgram().program);
const scripts = (m: CompletionModel) => ({ bash: bashScript(m), zsh: zshScript(m), fish: fishScript(m) });

function installed(shell: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;
}

/** `<shell> -n` on a script: its own parser, without running it. */
async function syntaxCheck(shell: string, script: string): Promise<{ status: number | null; stderr: string }> {
  const file = join(await tempDir(), `dcloud.${shell}`);
  await writeFile(file, script);
  const { status, stderr } = spawnSync(shell, ["-n", file], { encoding: "utf8" });
  return { status, stderr };
}

describe("completionModel", () => {
  it("reads the global options with their values, choices and paths", () => {
    const { globalOptions } = model();
    expect(globalOptions.map((o) => o.long).sort()).toEqual([...GLOBAL_FLAGS].sort());
    const byLong = new Map(globalOptions.map((o) => [o.long, o]));
    expect(byLong.get("--region")).toMatchObject({ takesValue: true, choices: ["eu", "us"], valueName: "region" });
    expect(byLong.get("--api-key-file")).toMatchObject({ takesValue: true, isPath: true });
    expect(byLong.get("--api-url")).toMatchObject({ takesValue: true });
    expect(byLong.get("--api-url")?.isPath).toBeUndefined();
    expect(byLong.get("--json")).toMatchObject({ takesValue: false });
    expect(byLong.get("--help")).toMatchObject({ short: "-h", takesValue: false });
    expect(byLong.get("--version")).toMatchObject({ short: "-V" });
    expect(byLong.get("--timeout")?.description).toContain("milliseconds");
  });

  it("lists the visible commands with their own options only, and the help command", () => {
    const { commands } = model();
    expect(commands.map((c) => c.name)).toEqual([
      "invite",
      "workspaces",
      "whoami",
      "login",
      "logout",
      "completion",
      "help",
    ]);
    const invite = commands.find((c) => c.name === "invite");
    expect(invite?.options.map((o) => o.long)).toEqual(INVITE_FLAGS);
    expect(invite?.description).toMatch(/^invite a user/);
    const byLong = new Map(invite?.options.map((o) => [o.long, o]));
    expect(byLong.get("--file")).toMatchObject({ takesValue: true, isPath: true });
    expect(byLong.get("--report")).toMatchObject({ takesValue: true, isPath: true });
    expect(byLong.get("--workspace-id")).toMatchObject({ takesValue: true, repeatable: true });
    expect(byLong.get("--email")?.isPath).toBeUndefined();
    expect(byLong.get("--dry-run")).toMatchObject({ takesValue: false });
    // --help belongs to the global list, not to every command again.
    expect(commands.every((c) => c.options.every((o) => o.long !== "--help"))).toBe(true);
  });

  it("takes argument choices from commander, and the help command's from the command names", () => {
    const { commands } = model();
    expect(commands.find((c) => c.name === "completion")?.arguments).toEqual([
      {
        name: "shell",
        description: "the shell to complete for",
        required: true,
        variadic: false,
        choices: ["bash", "zsh", "fish"],
      },
    ]);
    expect(commands.find((c) => c.name === "help")?.arguments[0]).toMatchObject({
      choices: ["invite", "workspaces", "whoami", "login", "logout", "completion"],
      isCommand: true,
      required: false,
    });
  });

  it("follows the program: a new option or command shows up without touching the completion code", () => {
    const { program } = realProgram();
    program.commands
      .find((c) => c.name() === "whoami")
      ?.addOption(new Option("--format <format>").choices(["text", "yaml"]));
    program.command("switch-org").description("change the default organization");
    const m = completionModel(program);
    expect(m.commands.find((c) => c.name === "whoami")?.options).toEqual([
      expect.objectContaining({ long: "--format", choices: ["text", "yaml"] }),
    ]);
    expect(m.commands.map((c) => c.name)).toContain("switch-org");
    for (const script of Object.values(scripts(m))) {
      expect(script).toContain("--format");
      expect(script).toContain("yaml");
      expect(script).toContain("switch-org");
    }
  });
});

describe("the scripts", () => {
  const m = model();
  const all = scripts(m);

  it.each(Object.entries(all))("%s mentions every long flag, command and choice", (_shell, script) => {
    for (const flag of [...GLOBAL_FLAGS, ...INVITE_FLAGS]) {
      // fish names long flags without the dashes: `-l api-url`.
      expect(script).toMatch(new RegExp(`(^|[\\s'"()|:*])(${flag}|-l ${flag.slice(2)})(?=[\\s'"=\\[|)])`, "m"));
    }
    expect(allLongFlags(m).sort()).toEqual([...GLOBAL_FLAGS, ...INVITE_FLAGS].sort());
    for (const word of ["invite", "whoami", "login", "logout", "completion", "eu us", "bash zsh fish"]) {
      expect(script).toContain(word);
    }
    expect(script).not.toContain("hidden-thing");
    expect(script).not.toContain("secret-debugging");
  });

  it("bash: passes bash -n", async () => {
    expect(await syntaxCheck("bash", all.bash)).toEqual({ status: 0, stderr: "" });
  });

  it.skipIf(!installed("zsh"))("zsh: passes zsh -n", async () => {
    expect(await syntaxCheck("zsh", all.zsh)).toEqual({ status: 0, stderr: "" });
    expect(all.zsh.startsWith("#compdef dcloud\n")).toBe(true);
  });

  it.skipIf(!installed("fish"))("fish: passes fish -n", async () => {
    expect(await syntaxCheck("fish", all.fish)).toEqual({ status: 0, stderr: "" });
  });

  it("bash: completes commands, flags, choices and paths, with global options on either side", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, "people"));
    await writeFile(join(dir, "people", "invitees.csv"), "");
    await writeFile(join(dir, "script.bash"), all.bash);
    const cases: Array<[string[], string]> = [
      [["dcloud", ""], "invite workspaces whoami login logout completion help"],
      [["dcloud", "log"], "login logout"],
      [["dcloud", "login", "--api-key"], "--api-key-file"],
      [["dcloud", "wh"], "whoami"],
      [["dcloud", "--region", ""], "eu us"],
      [["dcloud", "--region", "=", "u"], "us"],
      [["dcloud", "--api-url", "http://x", "inv"], "invite"],
      [["dcloud", "--api-url", "http://x", "invite", "--sk"], "--skip-invalid"],
      [["dcloud", "invite", "--re"], "--report --resume --region"],
      [["dcloud", "invite", "--file", "people/inv"], "people/invitees.csv"],
      [["dcloud", "invite", "--report", "=", "people/"], "people/invitees.csv"],
      [["dcloud", "whoami", "--api-key-file", "peo"], "people"],
      [["dcloud", "invite", "--email", ""], ""],
      [["dcloud", "invite", "--email", "a@example.com", "--given"], "--given-name"],
      [["dcloud", "completion", ""], "bash zsh fish"],
      [["dcloud", "completion", "fish", ""], ""],
      [["dcloud", "help", "inv"], "invite"],
    ];
    const harness = [
      `source ${JSON.stringify(join(dir, "script.bash"))}`,
      `t() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=(); _dcloud; local IFS=' '; echo "\${COMPREPLY[*]}"; }`,
      ...cases.map(([words]) => `t ${words.map((word) => `'${word}'`).join(" ")}`),
    ].join("\n");
    const { stdout, stderr, status } = spawnSync("bash", ["-c", harness], { cwd: dir, encoding: "utf8" });
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout.split("\n").slice(0, cases.length)).toEqual(cases.map(([, expected]) => expected));
  });

  it.skipIf(!installed("fish"))("fish: completes commands, flags, choices and paths", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "invitees.csv"), "");
    await writeFile(join(dir, "dcloud.fish"), all.fish);
    const cases: Array<[string, string]> = [
      ["dcloud ", "completion help invite login logout whoami workspaces"],
      ["dcloud --region ", "eu us"],
      ["dcloud --api-url http://x invite --sk", "--skip-invalid"],
      ["dcloud invite --file inv", "invitees.csv"],
      ["dcloud whoami --fil", ""],
      ["dcloud completion ", "bash fish zsh"],
      ["dcloud completion zsh ", ""],
    ];
    const harness = [
      `source ${JSON.stringify(join(dir, "dcloud.fish"))}`,
      ...cases.map(([line]) => `set -l found (complete -C '${line}' | string replace -r '\\t.*' ''); echo "$found"`),
    ].join("\n");
    const { stdout, stderr } = spawnSync("fish", ["--no-config", "-c", harness], { cwd: dir, encoding: "utf8" });
    expect(stderr).toBe("");
    expect(stdout.split("\n").slice(0, cases.length)).toEqual(cases.map(([, expected]) => expected));
  });
});

describe("the completion command (in-process)", () => {
  it.each(["bash", "zsh", "fish"] as const)("completion %s writes that shell's script to stdout", async (shell) => {
    const { program, stdout, result } = realProgram();
    await program.parseAsync(["node", "dcloud", "completion", shell]);
    expect(result.exitCode).toBe(0);
    expect(stdout.join("")).toBe(
      { bash: bashScript, zsh: zshScript, fish: fishScript }[shell](completionModel(program)),
    );
  });

  it("--quiet does not hide the script; --json wraps it in the one document", async () => {
    const quiet = realProgram();
    await quiet.program.parseAsync(["node", "dcloud", "--quiet", "completion", "bash"]);
    expect(quiet.stdout.join("")).toContain("complete -F _dcloud dcloud");
    const json = realProgram();
    await json.program.parseAsync(["node", "dcloud", "completion", "fish", "--json"]);
    const document = JSON.parse(json.stdout.join("")) as { shell: string; script: string };
    expect(document.shell).toBe("fish");
    expect(document.script).toContain("complete -c dcloud");
  });

  it("refuses another shell as a usage error (commander's, which run() turns into exit 2)", async () => {
    const { program, stdout } = realProgram();
    const error = await program.parseAsync(["node", "dcloud", "completion", "tcsh"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommanderError);
    expect((error as CommanderError).code).toBe("commander.invalidArgument");
    expect(stdout.join("")).toBe("");
  });

  it("--help shows how to install each script", async () => {
    const { program, stdout } = realProgram();
    await program.parseAsync(["node", "dcloud", "completion", "--help"]).catch(() => {});
    const help = stdout.join("");
    expect(help).toContain("dcloud completion bash > ~/.local/share/bash-completion/completions/dcloud");
    expect(help).toContain("fpath=(");
    expect(help).toContain("~/.config/fish/completions/dcloud.fish");
  });
});

describe("dcloud completion (the built CLI)", () => {
  it("prints a bash script that parses and knows every flag `dcloud invite --help` lists; tcsh is exit 2", async () => {
    const result = await runCli(["completion", "bash"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(await syntaxCheck("bash", result.stdout)).toEqual({ status: 0, stderr: "" });
    const help = await runCli(["invite", "--help"]);
    const flags = new Set(help.stdout.match(/--[a-z][a-z0-9-]*/g));
    expect(flags.size).toBeGreaterThan(10);
    for (const flag of flags) expect(result.stdout).toMatch(new RegExp(`(^|[\\s"|])${flag}(?=[\\s"|)])`, "m"));
    for (const shell of ["zsh", "fish"]) expect((await runCli(["completion", shell])).code).toBe(0);
    const tcsh = await runCli(["completion", "tcsh"]);
    expect(tcsh.code).toBe(2);
    expect(tcsh.stdout).toBe("");
  });
});
