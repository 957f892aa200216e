// Bundles the CLI into dist/dcloud.js, with @dcloud/client, commander,
// csv-parse, p-limit and cli-progress inside: no TypeScript and no dependency lookup at run
// time.
//
// Start-up (measured by bench/throughput.bench.mjs): the bundles are CommonJS, because Node's
// ESM loader costs a start-up about 6 ms on its own and another ~8 ms to load CommonJS
// commander through it. Node parses a whole file even when most of it is never run, so what
// `--help` and `--version` do not need is kept out of dcloud.js, which holds the program's
// definition alone (src/program.ts and the commands' declarations):
//   dist/run.js          every module that dcloud.js imports with import() — each command's
//                        run and the action machinery (settings, the client, error mapping),
//                        and all they import — required when a command runs;
//   dist/proxy-fetch.js  undici, half a megabyte, required only when a proxy variable is set.
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
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
  define: { __DCLOUD_CLI_VERSION__: JSON.stringify(pkg.version) },
  // import() becomes require(): no ESM loader for a CommonJS file.
  supported: { "dynamic-import": false },
};

/** The modules dcloud.js imports lazily, by the name run.js exports each under (its path in src/). */
const lazy = new Map();
const src = fileURLToPath(new URL("./src/", import.meta.url));

/**
 * In dcloud.js, `import("./x.js")` of a module in src/ becomes `require("./run.js").<name>`: the
 * module's exports, from the bundle apart.
 */
const apart = {
  name: "apart",
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind !== "dynamic-import" || args.namespace !== "file") return undefined;
      const path = join(args.resolveDir, args.path.replace(/\.js$/, ".ts"));
      const name = relative(src, path)
        .replace(/\.ts$/, "")
        .replace(/[^A-Za-z0-9]/g, "_");
      lazy.set(name, path);
      return { path: name, namespace: "apart" };
    });
    build.onLoad({ filter: /.*/, namespace: "apart" }, ({ path }) => ({
      contents: `module.exports = require("./run.js").${path};`,
      loader: "js",
    }));
    build.onResolve({ filter: /^\.\/run\.js$/, namespace: "apart" }, () => ({ path: "./run.js", external: true }));
  },
};

/** An import of proxy-fetch.js stays an import of the file beside the bundle. */
const proxyApart = {
  name: "proxy-apart",
  setup(build) {
    build.onResolve({ filter: /\/proxy-fetch\.js$/ }, () => ({ path: "./proxy-fetch.js", external: true }));
  },
};

await build({
  ...common,
  entryPoints: ["src/main.ts"],
  outfile: `${outdir}/dcloud.js`,
  banner: { js: "#!/usr/bin/env node" },
  plugins: [apart],
});
await build({
  ...common,
  stdin: {
    contents: [...lazy].map(([name, path]) => `export * as ${name} from ${JSON.stringify(path)};`).join("\n"),
    resolveDir: ".",
    sourcefile: "run.ts",
    loader: "ts",
  },
  outfile: `${outdir}/run.js`,
  plugins: [proxyApart],
});
await build({ ...common, entryPoints: ["src/network/proxy-fetch.ts"], outfile: `${outdir}/proxy-fetch.js` });
// The package is "type": "module"; this makes Node read dist/*.js as the CommonJS it is.
await writeFile(`${outdir}/package.json`, `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
await chmod(`${outdir}/dcloud.js`, 0o755);
