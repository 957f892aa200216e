// Redocly CLI (pinned in the root package.json) under the committed redocly.yaml, as the spec
// lint runs it: `pnpm lint:spec` and spec:update's check of the spec it is about to write.
// Telemetry and the update check are off: CI reaches no such service.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = fileURLToPath(new URL("../node_modules/@redocly/cli/bin/cli.js", import.meta.url));

/**
 * `redocly lint --config redocly.yaml …args`, from the repository's root.
 * @param {string[]} args
 * @param {{ capture?: boolean }} [options] `capture`: return stdout instead of printing
 */
export function redoclyLint(args, { capture = false } = {}) {
  const result = spawnSync(process.execPath, [bin, "lint", "--config", "redocly.yaml", ...args], {
    cwd: root,
    encoding: "utf8",
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    env: {
      ...process.env,
      REDOCLY_TELEMETRY: "off",
      REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
      REDOCLY_SUPPRESS_NOTIFICATIONS: "true",
    },
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}
