// `dcloud completion bash|zsh|fish`: prints a shell completion script, generated when it runs
// from the commander program itself (run.ts), so it cannot fall behind the real flags.

import { Argument } from "@commander-js/extra-typings";
import { helpText } from "../command.js";
import type { Program } from "../options.js";

const SHELL_NAMES = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELL_NAMES)[number];

const INSTALL = `
Install (then open a new shell):
  bash:
    $ mkdir -p ~/.local/share/bash-completion/completions
    $ dcloud completion bash > ~/.local/share/bash-completion/completions/dcloud
    (without the bash-completion package, add to ~/.bashrc the line
    source <(dcloud completion bash))
  zsh:
    $ mkdir -p ~/.zfunc && dcloud completion zsh > ~/.zfunc/_dcloud
    and in ~/.zshrc, before compinit:
    fpath=(~/.zfunc $fpath); autoload -Uz compinit && compinit
  fish:
    $ dcloud completion fish > ~/.config/fish/completions/dcloud.fish

The script is generated from this version of dcloud; generate it again after an upgrade.
`;

export function declareCompletion(program: Program) {
  return program
    .command("completion")
    .description("print a shell completion script (bash, zsh or fish)")
    .addArgument(new Argument("<shell>", "the shell to complete for").choices(SHELL_NAMES))
    .addHelpText("after", helpText(INSTALL));
}

export type CompletionDeclared = ReturnType<typeof declareCompletion>;
