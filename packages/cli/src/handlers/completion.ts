// `dcloud completion SHELL`: the script, generated from the commander program itself (every
// command, option, choice and path-valued option), so it cannot fall behind the real flags.
import type { Command } from "commander";
import { SHELL_NAMES, type Shell } from "../commands/completion.js";
import { bashScript } from "../completion/bash.js";
import { fishScript } from "../completion/fish.js";
import { completionModel } from "../completion/model.js";
import { zshScript } from "../completion/zsh.js";
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";

const SCRIPTS = { bash: bashScript, zsh: zshScript, fish: fishScript } as const satisfies Record<Shell, unknown>;

export async function completion({ output }: CommandContext, _flags: unknown, command: Command): Promise<ExitCode> {
  const shell = command.processedArgs[0] as Shell;
  if (!SHELL_NAMES.includes(shell)) throw new Error(`no completion for ${shell}`);
  let root = command;
  while (root.parent) root = root.parent;
  const script = SCRIPTS[shell](completionModel(root));
  // The script is the command's result, so --quiet does not hide it; under --json it is the one document.
  if (output.options.json) output.document({ shell, script });
  else command.configureOutput().writeOut?.(script);
  return ExitCode.Ok;
}
