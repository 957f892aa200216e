// Bundles the CLI into one file, dist/dcloud.js, with @dcloud/client, commander, dotenv,
// csv-parse, p-limit and cli-progress inside: no TypeScript and no dependency lookup at run
// time.
//
// Start-up (measured by bench/throughput.bench.mjs): the bundle is CommonJS, because Node's ESM
// loader costs a start-up about 6 ms on its own and another ~8 ms to load CommonJS commander
// through it. What a command needs only when it runs (the client, the bulk run, the progress
// bar, completion scripts) sits behind import() in the source; in a CommonJS bundle esbuild
// keeps such modules in the file but evaluates them only when first imported.
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { build } from "esbuild";

const pkg = JSON.parse(await readFile(new URL("./package.json", import.meta.url), "utf8"));
const outdir = "dist";
await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

await build({
  entryPoints: ["src/main.ts"],
  outfile: `${outdir}/dcloud.js`,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: false,
  minify: true,
  legalComments: "eof",
  define: { __DCLOUD_CLI_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: "#!/usr/bin/env node" },
  logLevel: "warning",
});
// The package is "type": "module"; this makes Node read dist/*.js as the CommonJS it is.
await writeFile(`${outdir}/package.json`, `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
await chmod(`${outdir}/dcloud.js`, 0o755);
