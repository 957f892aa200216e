#!/usr/bin/env node
// `pnpm lint:spec`: lints spec/openapi.yaml with Redocly CLI (pinned in the root package.json)
// under the committed redocly.yaml. Errors fail the build; the config makes every rule of the
// recommended set an error. Telemetry and the update check are off: CI reaches no such service.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = fileURLToPath(new URL("../node_modules/@redocly/cli/bin/cli.js", import.meta.url));
const result = spawnSync(process.execPath, [bin, "lint", "--config", "redocly.yaml", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", REDOCLY_SUPPRESS_NOTIFICATIONS: "true" },
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
