import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
    // Packing and `npm install` of the tarballs take a few seconds; git and Node child processes too.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
