import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: ".vitest-report.json" }]],
    // spec:update and spec:diff run as Node child processes, with the spec lint and the generators.
    testTimeout: 60_000,
  },
});
