// How a command's declaration names what it does: the work itself is in run.ts, which is
// loaded only when a command runs.
import type { Command } from "commander";

/** The commands' handlers, by name (run.ts maps each to its work). */
export type HandlerName = "invite" | "workspaces" | "whoami" | "completion";

/** The commander action for the handler of this name. */
export type Act = (name: HandlerName) => (...args: unknown[]) => Promise<void>;

/** commander passes the arguments, the options, then the command itself, last. */
export function commandOf(args: unknown[]): Command {
  return args[args.length - 1] as Command;
}
