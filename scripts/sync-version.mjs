#!/usr/bin/env node
// After `changeset version` bumps packages/client/package.json, the client's VERSION constant
// (sent in every User-Agent; a test keeps the two equal) must follow. `pnpm run version` runs
// both, and the release workflow uses it for the version PR.
import { readFile, writeFile } from "node:fs/promises";

const pkg = JSON.parse(await readFile(new URL("../packages/client/package.json", import.meta.url), "utf8"));
const file = new URL("../packages/client/src/version.ts", import.meta.url);
const text = await readFile(file, "utf8");
const next = text.replace(/export const VERSION = "[^"]*";/, `export const VERSION = "${pkg.version}";`);
if (!/export const VERSION = "[^"]*";/.test(text))
  throw new Error('packages/client/src/version.ts has no `export const VERSION = "…";` line');
if (next !== text) await writeFile(file, next);
console.log(`@dcloud/client VERSION = ${pkg.version}`);
