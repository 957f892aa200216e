// The `dcloud` executable: runs the program and exits with its code.
import { run } from "./program.js";

void run(process.argv).then((code) => {
  process.exitCode = code;
});
