// Runs a child process and measures it: wall time, exit code, stderr and peak RSS. GNU time
// gives the peak RSS (%M, in KiB); without it /proc/<pid>/status is polled. Shared by the
// benchmarks that run `dcloud`.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";

export const GNU_TIME = "/usr/bin/time";
export const hasGnuTime = (() => {
  const probe = spawnSync(GNU_TIME, ["--version"], { encoding: "utf8" });
  return probe.status === 0 && /GNU/.test(`${probe.stdout}${probe.stderr}`);
})();
export const RSS_SOURCE = hasGnuTime ? "GNU time (%M)" : "/proc/<pid>/status VmHWM, polled every 10 ms";

/**
 * Runs argv[0] with argv[1..]; `stdout` is where its output goes ("ignore" or a file
 * descriptor), `rssFile` a scratch path for GNU time. Resolves wall time (ms), exit code,
 * stderr and peak RSS (KiB).
 */
export async function measureChild(argv, { env, stdout = "ignore", rssFile }) {
  const [command, ...args] = hasGnuTime ? [GNU_TIME, "-f", "%M", "-o", rssFile, ...argv] : argv;
  const started = performance.now();
  const child = spawn(command, args, { env, stdio: ["ignore", stdout, "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
  let polledKb = 0;
  const poll = hasGnuTime
    ? undefined
    : setInterval(async () => {
        try {
          const status = await readFile(`/proc/${child.pid}/status`, "utf8");
          polledKb = Math.max(polledKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
        } catch {}
      }, 10);
  const [code] = await once(child, "close");
  const ms = performance.now() - started;
  if (poll) clearInterval(poll);
  let rssKb = polledKb;
  if (hasGnuTime) {
    // GNU time prints a note before the figure when the child failed: the figure is the last line.
    const lines = (await readFile(rssFile, "utf8").catch(() => "")).trim().split("\n");
    rssKb = Number(lines.at(-1));
  }
  return { ms, code, stderr, rssKb };
}
