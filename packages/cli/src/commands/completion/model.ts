// What a shell needs to know to complete `dcloud`, read from the commander program itself
// at run time (commands, their options, the program's global options, choices, which
// values are paths), so the generated scripts cannot drift from the real flags.
import type { Argument, CommandUnknownOpts as Command, Option } from "@commander-js/extra-typings";

export interface CompletionOption {
  /** As declared, e.g. "-h, --help" or "--region <region>". */
  flags: string;
  /** e.g. "--region"; options without a long flag are left out of the model. */
  long: string;
  /** e.g. "-h". */
  short?: string;
  description: string;
  /** The option is followed by a value (`<x>` or `[x]` in its flags). */
  takesValue: boolean;
  /** The value's placeholder without brackets, e.g. "region". */
  valueName?: string;
  /** The values the option accepts, when commander restricts them (`.choices()`). */
  choices?: string[];
  /** The value is a file path: complete file names. */
  isPath?: boolean;
  /** The option may be given more than once (variadic, or a value collected per use). */
  repeatable?: boolean;
}

export interface CompletionArgument {
  name: string;
  description: string;
  required: boolean;
  variadic: boolean;
  choices?: string[];
  /** The argument names another subcommand (the `help` command's). */
  isCommand?: boolean;
}

export interface CompletionCommand {
  name: string;
  aliases: string[];
  description: string;
  /** The command's own options, without the global ones. */
  options: CompletionOption[];
  arguments: CompletionArgument[];
}

export interface CompletionModel {
  /** The program's name, e.g. "dcloud". */
  name: string;
  commands: CompletionCommand[];
  /** The program's options (taken before or after the subcommand), --help and --version included. */
  globalOptions: CompletionOption[];
}

// A value is a path when its placeholder says so (<path>, <file>, <dir>, PATH|-), or when
// the flag's own name does (--file, --api-key-file, --report, --output-dir).
const PATH_PLACEHOLDER = /^(?:path|file|filename|dir|directory)(?:\|-)?$/i;
const PATH_LONG_FLAG = /^--(?:.*-)?(?:file|path|dir|report)$/;

export function completionModel(program: Command): CompletionModel {
  const help = program.createHelp();
  const globalOptions = help.visibleOptions(program).flatMap(modelOption);
  const globalLongs = new Set(globalOptions.map((option) => option.long));
  const commands = help.visibleCommands(program).filter((command) => command !== program);
  const names = commands.map((command) => command.name()).filter((name) => name !== "help");
  return {
    name: program.name(),
    globalOptions,
    commands: commands.map((command) => ({
      name: command.name(),
      aliases: command.aliases(),
      description: firstLine(command.description()),
      options: help
        .visibleOptions(command)
        .flatMap(modelOption)
        .filter((option) => !globalLongs.has(option.long)),
      arguments: command.registeredArguments.map((argument) =>
        modelArgument(argument, isHelpCommand(program, command) ? names : undefined),
      ),
    })),
  };
}

function modelOption(option: Option): CompletionOption[] {
  if (!option.long) return [];
  const takesValue = option.required || option.optional;
  const valueName = /[<[]([^>\]]*)[>\]]/.exec(option.flags)?.[1]?.replace(/\.\.\.$/, "");
  const modelled: CompletionOption = {
    flags: option.flags,
    long: option.long,
    description: firstLine(option.description),
    takesValue,
  };
  if (option.short) modelled.short = option.short;
  if (valueName) modelled.valueName = valueName;
  if (takesValue && option.argChoices) modelled.choices = [...option.argChoices];
  if (
    takesValue &&
    !option.argChoices &&
    (PATH_PLACEHOLDER.test(valueName ?? "") || PATH_LONG_FLAG.test(option.long))
  ) {
    modelled.isPath = true;
  }
  // commander cannot say whether a custom parser collects values, so the help text's
  // "repeat" is taken as the sign (as in "--workspace-id … (repeat for several)").
  if (takesValue && (option.variadic || /\brepeat/i.test(option.description))) modelled.repeatable = true;
  return [modelled];
}

function modelArgument(argument: Argument, commandNames: string[] | undefined): CompletionArgument {
  const modelled: CompletionArgument = {
    name: argument.name(),
    description: firstLine(argument.description),
    required: argument.required,
    variadic: argument.variadic,
  };
  if (argument.argChoices) modelled.choices = [...argument.argChoices];
  else if (commandNames) {
    modelled.choices = commandNames;
    modelled.isCommand = true;
  }
  return modelled;
}

function isHelpCommand(program: Command, command: Command): boolean {
  return command.name() === "help" && !program.commands.includes(command);
}

function firstLine(text: string): string {
  return text.split("\n")[0]?.trim() ?? "";
}

/** Every long flag the model knows, for a quick check that a script mentions them all. */
export function allLongFlags(model: CompletionModel): string[] {
  const flags = new Set(model.globalOptions.map((option) => option.long));
  for (const command of model.commands) for (const option of command.options) flags.add(option.long);
  return [...flags];
}

/** The options that take a value, global ones included, for one command (or none: before it). */
export function valueOptions(model: CompletionModel, command?: CompletionCommand): CompletionOption[] {
  return [...model.globalOptions, ...(command?.options ?? [])].filter((option) => option.takesValue);
}

/** A word that is safe to paste into any of the three shells unquoted (flags, command names, choices). */
export function assertPlainWord(word: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.,+@%/=-]*$|^-{1,2}[A-Za-z0-9][A-Za-z0-9_-]*$/.test(word)) {
    throw new Error(`cannot complete ${JSON.stringify(word)}: only plain words are supported`);
  }
  return word;
}
