// Bundles the CLI into dist/dcloud.js, with @dcloud/client, commander, dotenv,
// csv-parse, p-limit and cli-progress inside: no TypeScript and no dependency lookup at run
// time.
//
// Start-up (measured by bench/throughput.bench.mjs): the bundle is CommonJS, because Node's ESM
// loader costs a start-up about 6 ms on its own and another ~8 ms to load CommonJS commander
// through it. What a command needs only when it runs (the client, the bulk run, the progress
// bar, completion scripts) sits behind import() in the source; in a CommonJS bundle esbuild
// keeps such modules in the file but evaluates them only when first imported.
//
// undici, for runs behind a proxy, is the exception: half a megabyte that would cost every
// start-up ~15 ms to parse even unused, so src/network/proxy-fetch.ts is bundled into a file of
// its own, dist/proxy-fetch.js, which dcloud.js requires only when a proxy variable is set.
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

/** In dcloud.js, the import of proxy-fetch.js stays an import of the file beside it. */
const proxyFetchApart = {
  name: "proxy-fetch-apart",
  setup(build) {
    build.onResolve({ filter: /\/proxy-fetch\.js$/ }, () => ({ path: "./proxy-fetch.js", external: true }));
  },
};

await build({
  ...common,
  entryPoints: ["src/main.ts"],
  outfile: `${outdir}/dcloud.js`,
  define: { __DCLOUD_CLI_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: "#!/usr/bin/env node" },
  plugins: [proxyFetchApart],
  // import() of that file becomes require(): no ESM loader for a CommonJS file.
  supported: { "dynamic-import": false },
});
await build({ ...common, entryPoints: ["src/network/proxy-fetch.ts"], outfile: `${outdir}/proxy-fetch.js` });
// The package is "type": "module"; this makes Node read dist/*.js as the CommonJS it is.
await writeFile(`${outdir}/package.json`, `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
await chmod(`${outdir}/dcloud.js`, 0o755);
