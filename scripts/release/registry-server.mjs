// The child process that scripts/release/registry.mjs starts: Verdaccio, with the configuration
// it is handed (a YAML file), listening on 127.0.0.1 on a port the system picks. It reports
// that port over the IPC channel and exits when the channel closes, so a parent that dies
// (killed, crashed) takes the registry with it.
import { runServer } from "verdaccio";

/** @import { AddressInfo, Server } from "node:net" */

// runServer is typed Promise<any>; it resolves to Node's HTTP(S) server. A fork() child has
// process.send, and a server listening on a port has an AddressInfo address.
const server = /** @type {Server} */ (await runServer(process.argv[2]));
server.listen(0, "127.0.0.1", () =>
  /** @type {NonNullable<typeof process.send>} */ (process.send)({
    port: /** @type {AddressInfo} */ (server.address()).port,
  }),
);
process.on("disconnect", () => process.exit(0));
