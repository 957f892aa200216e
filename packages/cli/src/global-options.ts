// The options every command takes. They are declared once, on the program; commander
// recognises program options after the subcommand too, so `dcloud --json whoami` and
// `dcloud whoami --json` mean the same. Deliberately absent: any option taking the API
// key itself (it would land in shell history and in `ps`).
import { type Command, InvalidArgumentError, Option } from "commander";
import type { Region } from "@dcloud/client";

export interface GlobalFlags {
  apiUrl?: string;
  region?: Region;
  apiKeyFile?: string;
  json?: boolean;
  quiet?: boolean;
  debug?: boolean;
  /** False with --no-color. */
  color: boolean;
  timeout?: number;
  maxRetries?: number;
  allowInsecureHttp?: boolean;
}

// setTimeout cannot wait longer than this; a larger value would fire at once.
const MAX_TIMEOUT_MS = 2_147_483_647;

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_TIMEOUT_MS) {
    throw new InvalidArgumentError(`expected a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}.`);
  }
  return Number(value);
}

// Retries wait up to 8 s each (or what Retry-After asks, up to 60 s); more than this is a typo.
const MAX_RETRIES = 10;

function retryCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > MAX_RETRIES) {
    throw new InvalidArgumentError(`expected a whole number from 0 to ${MAX_RETRIES}.`);
  }
  return Number(value);
}

export function addGlobalOptions(program: Command): Command {
  return program
    .addOption(new Option("--api-url <url>", "API base URL (a trailing /api/v1 is fine)"))
    .addOption(new Option("--region <region>", "API region, when no --api-url is given").choices(["eu", "us"]))
    .addOption(new Option("--api-key-file <path>", "read the API key from this file, or from stdin with -"))
    .addOption(new Option("--json", "print one JSON document on stdout"))
    .addOption(new Option("--quiet", "print nothing on stdout except --json output; errors still go to stderr"))
    .addOption(new Option("--debug", "log each request and response to stderr (the key is never shown)"))
    .addOption(new Option("--no-color", "no colours (NO_COLOR is honoured too)"))
    .addOption(
      new Option("--timeout <ms>", "per-request timeout in milliseconds (default: 30000)").argParser(positiveInteger),
    )
    .addOption(
      new Option(
        "--max-retries <n>",
        "retries after a connection error, a timeout, 429, 502, 503 or 504 (default: 2)",
      ).argParser(retryCount),
    )
    .addOption(new Option("--allow-insecure-http", "allow an http:// API URL to a host other than localhost"));
}
