// `dcloud completion bash|zsh|fish`: prints a shell completion script. The script is
// generated at run time from the commander program itself (every command, option,
// choice and path-valued option), so it cannot fall behind the real flags.
import { Argument, type Command } from "commander";
import type { CompletionModel } from "../completion/model.js";
import { ExitCode } from "../exit-codes.js";
import type { ActionFactory } from "./action.js";

// The builders are imported only when `dcloud completion` runs, so they stay off the
// start-up path of every other command (the bundle puts them in a chunk of their own).
export const SHELLS = {
  bash: async () => (await import("../completion/bash.js")).bashScript,
  zsh: async () => (await import("../completion/zsh.js")).zshScript,
  fish: async () => (await import("../completion/fish.js")).fishScript,
} as const satisfies Record<string, () => Promise<(model: CompletionModel) => string>>;

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
export async function completionScript(shell: Shell, command: Command): Promise<string> {
  let root = command;
  while (root.parent) root = root.parent;
  const [{ completionModel }, build] = await Promise.all([import("../completion/model.js"), SHELLS[shell]()]);
  return build(completionModel(root));
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
        const script = await completionScript(shell, command);
        // The script is the command's result, so --quiet does not hide it; under --json it
        // is the one document.
        if (output.options.json) output.document({ shell, script });
        else command.configureOutput().writeOut?.(script);
        return ExitCode.Ok;
      })(options, command),
    );
}
