// The rehearsal's copy of the repository: a clone of HEAD plus the working tree's uncommitted
// changes (committed in the clone), so that it rehearses what `pnpm test` tests, and whatever
// it runs (`changeset version` edits files, `changeset publish` adds tags) stays in the clone.
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { must } from "./exec.mjs";
/** @import { RunOptions } from "./exec.mjs" */

/**
 * @param {string} cwd
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
export const git = async (cwd, args, env) => (await must("git", args, { cwd, env })).stdout.trim();

/**
 * Clones `root` into `dest`; resolves `{ head, carried }`: HEAD's short hash, how many uncommitted files came along.
 * @param {string} root
 * @param {string} dest
 * @param {Pick<RunOptions, "env" | "signal">} options
 */
export async function cloneWorkingTree(root, dest, { env, signal }) {
  const head = await git(root, ["rev-parse", "HEAD"]);
  await must("git", ["clone", "--quiet", "--no-checkout", root, dest], { cwd: root, env, signal });
  await git(dest, ["checkout", "--quiet", "--detach", head], env);
  const changed = new Set(
    (await git(root, ["ls-files", "-z", "--modified", "--others", "--exclude-standard"])).split("\0").filter(Boolean),
  );
  for (const file of changed) {
    if (existsSync(join(root, file))) {
      mkdirSync(dirname(join(dest, file)), { recursive: true });
      cpSync(join(root, file), join(dest, file));
    } else rmSync(join(dest, file), { force: true });
  }
  if (changed.size > 0) {
    await git(dest, ["add", "--all"], env);
    await git(dest, ["commit", "--quiet", "--no-verify", "-m", "Uncommitted changes of the working tree"], env);
  }
  return { head: head.slice(0, 7), carried: changed.size };
}
