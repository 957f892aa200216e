// A vitest globalSetup that fails the run when its tests leave anything in the temp folder.
// The run gets a temp folder of its own (TMPDIR, which os.tmpdir() reads, set before the test
// workers start, so they and the processes they spawn with the environment inherit it); at
// the end, whatever is still in it is named, the run fails, and the folder is removed. Being
// the run's own, it holds only what this run made: other runs on the machine cannot confuse it.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup() {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), "dcloud-test-run-"));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    const left = readdirSync(dir).sort();
    rmSync(dir, { recursive: true, force: true });
    if (left.length > 0) {
      const shown = left.slice(0, 10).join(", ") + (left.length > 10 ? `, and ${left.length - 10} more` : "");
      // vitest reports an error thrown here but keeps its exit code: set it as well.
      process.exitCode = 1;
      throw new Error(`the tests left ${left.length} item(s) in the temp folder: ${shown}`);
    }
  };
}
