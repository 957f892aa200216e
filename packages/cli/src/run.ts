// What runs when a command runs: the action machinery (settings, the client, error mapping)
// and each command's work. dcloud.js holds the program's definition alone, so that its
// start-up parses nothing more; this module is bundled apart (dist/run.js) and loaded when a
// command runs.
import type { HandlerName } from "./commands/declare.js";
import { completion } from "./handlers/completion.js";
import { invite } from "./handlers/invite.js";
import { whoami } from "./handlers/whoami.js";
import { workspaces } from "./handlers/workspaces.js";

export { actionFactory } from "./handlers/action.js";

/** Each command's work, by the name its declaration gives. */
export const handlers = { invite, workspaces, whoami, completion } satisfies Record<HandlerName, unknown>;
