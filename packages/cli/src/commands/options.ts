// The options every command takes, and the value parsers that commands' own options share.
// The common options are declared once, on the program; commander recognises program options
// after the subcommand too, so `dcloud --json whoami` and `dcloud whoami --json` mean the
// same. Deliberately absent: any option taking the API key itself (it would land in shell
// history and in `ps`). Their types come from these declarations (extra-typings).

import { type Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";

// setTimeout cannot wait longer than this; a larger value would fire at once.
const MAX_TIMEOUT_MS = 2_147_483_647;
// Retries wait up to 8 s each (or what Retry-After asks, up to 60 s); more than this is a typo.
const MAX_RETRIES = 10;

/**
 * An option that takes one value: given twice, it is a usage error rather than the last one
 * silently winning (`--email a --email b` would invite only b). Such options have no
 * commander default, so a second value is the only way `previous` can be set.
 */
export function single<T = string>(flag: string, parse: (value: string) => T = (value) => value as T) {
  return (value: string, previous: T | undefined): T => {
    if (previous !== undefined) throw new InvalidArgumentError(`${flag} was given twice; it takes one value.`);
    return parse(value);
  };
}

/** A repeatable option's values, in order. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function wholeNumber(min: number, max: number, unit = "") {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`expected a whole number${unit} from ${min} to ${max}.`);
    }
    return Number(value);
  };
}

export function addGlobalOptions(program: Command) {
  return program
    .addOption(
      new Option("--api-url <url>", "API base URL (a trailing /api/v1 is fine)").argParser(single("--api-url")),
    )
    .addOption(new Option("--region <region>", "API region, when no --api-url is given").choices(["eu", "us"] as const))
    .addOption(
      new Option("--api-key-file <path>", "read the API key from this file, or from stdin with -").argParser(
        single("--api-key-file"),
      ),
    )
    .addOption(new Option("--json", "print one JSON document on stdout"))
    .addOption(new Option("--quiet", "print nothing on stdout except --json output; errors still go to stderr"))
    .addOption(new Option("--debug", "log each request and response to stderr (the key is never shown)"))
    .addOption(new Option("--no-color", "no colours (NO_COLOR is honoured too)"))
    .addOption(
      new Option("--timeout <ms>", "per-request timeout in milliseconds (default: 30000)").argParser(
        single("--timeout", wholeNumber(1, MAX_TIMEOUT_MS, " of milliseconds")),
      ),
    )
    .addOption(
      new Option(
        "--max-retries <n>",
        "retries after a connection error, a timeout, 502, 503 or 504 (default: 2)",
      ).argParser(single("--max-retries", wholeNumber(0, MAX_RETRIES))),
    )
    .addOption(new Option("--allow-insecure-http", "allow an http:// API URL to a host other than localhost"));
}

/** The program with the options every command takes: each command is declared on it. */
export type Program = ReturnType<typeof addGlobalOptions>;

/** The options every command takes, as commander parses them (`color` is false with --no-color). */
export type GlobalFlags = ReturnType<Program["opts"]>;
