// Bundles the CLI into one file, dist/dcloud.js, with @dcloud/client, commander and dotenv
// inside: start-up reads a single file and needs no TypeScript at run time.
import { chmod, readFile, rm } from "node:fs/promises";
import { build } from "esbuild";

const pkg = JSON.parse(await readFile(new URL("./package.json", import.meta.url), "utf8"));
const outdir = "dist";
// Chunk names carry a hash: start empty, so no chunk of an earlier build lingers.
await rm(outdir, { recursive: true, force: true });

await build({
  entryPoints: { dcloud: "src/main.ts" },
  outdir,
  // Code behind a dynamic import() (the bulk run, the progress bar) becomes a chunk of its
  // own, read only when it is used: `dcloud --version` and `whoami` do not load it.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
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
await chmod(`${outdir}/dcloud.js`, 0o755);
