// The `dcloud` executable: runs the program and exits with its code.
import { run } from "./program.js";
import { exitWhenFlushed } from "./runtime.js";

void run(process.argv).then(exitWhenFlushed);
