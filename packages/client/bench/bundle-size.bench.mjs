// The size an application ships when it imports @dcloud/client, minified and gzipped, in two
// parts: the client's own runtime with openapi-fetch (budget ≤ 8 kB), and the part generated
// from the spec (the operations table and their validators), which grows with every operation
// the spec gains — so it is printed with its size per operation, not held to a ceiling.
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { operations } from "../dist/generated/operations.js";

const RUNTIME_BUDGET_BYTES = 8 * 1024;
const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));

/** The generated operations table replaced by an empty one: what is left is the runtime. */
const withoutGenerated = {
  name: "without-generated",
  setup(b) {
    b.onResolve({ filter: /generated\/operations\.js$/ }, () => ({ path: "operations", namespace: "stub" }));
    b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({ contents: "export const operations = {};", loader: "js" }));
  },
};

async function gzipped(plugins) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins,
  });
  const inputs = Object.keys(result.metafile.inputs);
  return { bytes: gzipSync(result.outputFiles[0].contents, { level: 9 }).length, inputs };
}

const whole = await gzipped([]);
const runtime = await gzipped([withoutGenerated]);
// The figure must include what it is about, or it proves nothing.
if (!runtime.inputs.some((p) => p.includes("openapi-fetch"))) throw new Error("openapi-fetch is not in the bundle");
if (!whole.inputs.some((p) => p.endsWith("generated/body-validators.js")))
  throw new Error("no validators in the bundle");

const count = Object.keys(operations).length;
const generated = whole.bytes - runtime.bytes;
const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;
console.log("client bundle (dist/index.js bundled with esbuild, minified, gzip -9)");
console.log(
  `  runtime with openapi-fetch   ${kB(runtime.bytes).padStart(8)}  (budget ≤ ${RUNTIME_BUDGET_BYTES / 1024} kB) ${runtime.bytes <= RUNTIME_BUDGET_BYTES ? "within budget" : "OVER BUDGET"}`,
);
console.log(
  `  generated from the spec      ${kB(generated).padStart(8)}  (${count} operations, ${kB(generated / count)} per operation)`,
);
console.log(`  the whole entry              ${kB(whole.bytes).padStart(8)}`);
