// `dcloud completion bash|zsh|fish`: prints a shell completion script. The script is
// generated at run time from the commander program itself (every command, option,
// choice and path-valued option), so it cannot fall behind the real flags.
import { Argument, type Command } from "commander";
import { bashScript } from "../completion/bash.js";
import { fishScript } from "../completion/fish.js";
import { completionModel, type CompletionModel } from "../completion/model.js";
import { zshScript } from "../completion/zsh.js";
import { ExitCode } from "../exit-codes.js";
import type { ActionFactory } from "./action.js";

export const SHELLS = {
  bash: bashScript,
  zsh: zshScript,
  fish: fishScript,
} as const satisfies Record<string, (model: CompletionModel) => string>;

export type Shell = keyof typeof SHELLS;

export const COMPLETION_HELP = `
Install (then open a new shell):
  bash  $ mkdir -p ~/.local/share/bash-completion/completions
        $ dcloud completion bash > ~/.local/share/bash-completion/completions/dcloud
        (without the bash-completion package: add  source <(dcloud completion bash)  to ~/.bashrc)
  zsh   $ mkdir -p ~/.zfunc && dcloud completion zsh > ~/.zfunc/_dcloud
        and in ~/.zshrc, before compinit:  fpath=(~/.zfunc $fpath); autoload -Uz compinit && compinit
  fish  $ dcloud completion fish > ~/.config/fish/completions/dcloud.fish

The script is generated from this version of dcloud; generate it again after an upgrade.
`;

/** The completion script for a shell, built from the program that `command` belongs to. */
export function completionScript(shell: Shell, command: Command): string {
  let root = command;
  while (root.parent) root = root.parent;
  return SHELLS[shell](completionModel(root));
}

export function registerCompletion(program: Command, action: ActionFactory): void {
  program
    .command("completion")
    .description("print a shell completion script (bash, zsh or fish)")
    .addArgument(new Argument("<shell>", "the shell to complete for").choices(Object.keys(SHELLS)))
    .addHelpText("after", COMPLETION_HELP)
    // commander passes the argument first; the action factory takes (options, command).
    .action((shell: Shell, options: unknown, command: Command) =>
      action(async ({ output }) => {
        const script = completionScript(shell, command);
        // The script is the command's result, so --quiet does not hide it; under --json it
        // is the one document.
        if (output.options.json) output.document({ shell, script });
        else command.configureOutput().writeOut?.(script);
        return ExitCode.Ok;
      })(options, command),
    );
}
