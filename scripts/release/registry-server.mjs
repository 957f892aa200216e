// The child process that scripts/release/registry.mjs starts: Verdaccio, with the configuration
// it is handed (a YAML file), listening on 127.0.0.1 on a port the system picks. It reports
// that port over the IPC channel and exits when the channel closes, so a parent that dies
// (killed, crashed) takes the registry with it.
import { runServer } from "verdaccio";

const server = await runServer(process.argv[2]);
server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
process.on("disconnect", () => process.exit(0));
