// How a command's declaration names what it does: the work itself is in run.ts, which is
// loaded only when a command runs.
import type { Command } from "commander";
import type { HandlerName } from "../run.js";

/** The commander action for the handler of this name. */
export type Act = (name: HandlerName) => (...args: unknown[]) => Promise<void>;

/** commander passes the arguments, the options, then the command itself, last. */
export function commandOf(args: unknown[]): Command {
  return args[args.length - 1] as Command;
}
