// Bundles the CLI into one file, dist/dcloud.js, with @dcloud/client, commander and dotenv
// inside: start-up reads a single file and needs no TypeScript at run time.
import { chmod, readFile } from "node:fs/promises";
import { build } from "esbuild";

const pkg = JSON.parse(await readFile(new URL("./package.json", import.meta.url), "utf8"));
const outfile = "dist/dcloud.js";

await build({
  entryPoints: ["src/main.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: false,
  legalComments: "inline",
  define: { __DCLOUD_CLI_VERSION__: JSON.stringify(pkg.version) },
  banner: {
    // commander and dotenv are CommonJS and require() node builtins; in an ESM bundle
    // esbuild routes those calls to a `require` that must exist, or it throws
    // "Dynamic require of … is not supported".
    js: [
      "#!/usr/bin/env node",
      'import { createRequire } from "node:module";',
      "const require = createRequire(import.meta.url);",
    ].join("\n"),
  },
  logLevel: "warning",
});
await chmod(outfile, 0o755);
