// `dcloud completion SHELL`: the script, generated from the commander program itself (every
// command, option, choice and path-valued option), so it cannot fall behind the real flags.
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { ExitCode } from "../../exit-codes.js";
import type { Run } from "../command.js";
import { bashScript } from "./bash.js";
import type { CompletionDeclared, Shell } from "./command.js";
import { fishScript } from "./fish.js";
import { completionModel } from "./model.js";
import { zshScript } from "./zsh.js";

const SCRIPTS = { bash: bashScript, zsh: zshScript, fish: fishScript } as const satisfies Record<Shell, unknown>;

export const run: Run<CompletionDeclared> = async ({ output }, command) => {
  // commander has refused any other shell before the run starts.
  const [shell] = command.processedArgs;
  let root: CommandUnknownOpts = command;
  while (root.parent) root = root.parent;
  const script = SCRIPTS[shell](completionModel(root));
  // The script is the command's result, so --quiet does not hide it; under --json it is the one document.
  if (output.options.json) output.document({ shell, script });
  else command.configureOutput().writeOut?.(script);
  return ExitCode.Ok;
};
