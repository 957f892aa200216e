// A temporary folder for what a run keeps on disk (the --json results while the run lasts):
// readable by the user alone (mkdtemp makes it 0700; files in it are made 0600),
// and removed on every exit but `kill -9`, however the run ends.
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PrivateTemp {
  dir: string;
  remove(): Promise<void>;
}

export async function privateTemp(prefix: string): Promise<PrivateTemp> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const removeNow = () => rmSync(dir, { recursive: true, force: true });
  process.once("exit", removeNow);
  return {
    dir,
    async remove() {
      process.off("exit", removeNow);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
