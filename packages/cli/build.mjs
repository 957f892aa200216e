// Bundles the CLI into dist/dcloud.js, with @dcloud/client, commander,
// csv-parse, p-limit and cli-progress inside: no TypeScript and no dependency lookup at run
// time.
//
// Start-up (measured by bench/throughput.bench.mjs): the bundles are CommonJS, because Node's
// ESM loader costs a start-up about 6 ms on its own and another ~8 ms to load CommonJS
// commander through it. Node parses a whole file even when most of it is never run, so what
// `--help` and `--version` do not need is kept out of dcloud.js, which holds the program's
// definition alone:
//   dist/run.js          src/run.ts: what a command does when it runs (settings, the client,
//                        the pipeline, output, completion scripts), required when one runs;
//   dist/proxy-fetch.js  undici, half a megabyte, required only when a proxy variable is set.
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { build } from "esbuild";

const pkg = JSON.parse(await readFile(new URL("./package.json", import.meta.url), "utf8"));
const outdir = "dist";
await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: false,
  minify: true,
  legalComments: "eof",
  logLevel: "warning",
};

/** An import of run.js or proxy-fetch.js stays an import of the file beside the bundle. */
const filesApart = {
  name: "files-apart",
  setup(build) {
    build.onResolve({ filter: /\/(run|proxy-fetch)\.js$/ }, ({ path }) => ({
      path: `./${path.split("/").pop()}`,
      external: true,
    }));
  },
};
// import() of those files becomes require(): no ESM loader for a CommonJS file.
const noDynamicImport = { "dynamic-import": false };

await build({
  ...common,
  entryPoints: ["src/main.ts"],
  outfile: `${outdir}/dcloud.js`,
  define: { __DCLOUD_CLI_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: "#!/usr/bin/env node" },
  plugins: [filesApart],
  supported: noDynamicImport,
});
await build({
  ...common,
  entryPoints: ["src/run.ts"],
  outfile: `${outdir}/run.js`,
  define: { __DCLOUD_CLI_VERSION__: JSON.stringify(pkg.version) },
  plugins: [filesApart],
  supported: noDynamicImport,
});
await build({ ...common, entryPoints: ["src/network/proxy-fetch.ts"], outfile: `${outdir}/proxy-fetch.js` });
// The package is "type": "module"; this makes Node read dist/*.js as the CommonJS it is.
await writeFile(`${outdir}/package.json`, `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
await chmod(`${outdir}/dcloud.js`, 0o755);
