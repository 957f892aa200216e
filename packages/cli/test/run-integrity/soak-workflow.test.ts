// The nightly soak (.github/workflows/soak.yml) runs this folder's generated-schedule test
// with thousands of seeds, and the slow regression seeds by name: on a schedule and on demand,
// with the actions pinned by commit.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { parse } from "yaml";

const root = fileURLToPath(new URL("../../../../", import.meta.url));

interface Step {
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  "working-directory"?: string;
}

it("soak.yml runs the generated schedules with DCLOUD_SOAK_SEEDS=2000 and the slow regression seeds, nightly and on demand, actions pinned by SHA", () => {
  const workflow = parse(readFileSync(join(root, ".github/workflows/soak.yml"), "utf8")) as {
    on: { schedule?: { cron: string }[]; workflow_dispatch?: { inputs?: { seeds?: { default?: string } } } };
    jobs: Record<string, { steps: Step[] }>;
  };
  expect(workflow.on.schedule?.[0]?.cron).toMatch(/^\S+ \S+ \* \* \*$/);
  expect(workflow.on.workflow_dispatch?.inputs?.seeds?.default).toBe("2000");
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  for (const step of steps.filter((s) => s.uses)) expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
  const soak = steps.find((s) => s.env?.DCLOUD_SOAK_SEEDS);
  expect(soak?.env?.DCLOUD_SOAK_SEEDS).toMatch(/^\$\{\{ inputs\.seeds \|\| '2000' \}\}$/);
  const folder = join(root, soak?.["working-directory"] ?? ".");
  const testFile = soak?.run?.match(/vitest run (\S+)/)?.[1] ?? "";
  expect(existsSync(join(folder, testFile)), `${testFile} in ${folder}`).toBe(true);
  expect(testFile).toBe("test/run-integrity/generated-schedules.test.ts");
  // The slow regression seeds, named, run there too.
  const slow = steps.find((s) => s.env?.DCLOUD_SLOW_SEEDS === "1");
  const slowFile = slow?.run?.match(/vitest run (\S+)/)?.[1] ?? "";
  expect(slowFile).toBe("test/run-integrity/regression-seeds.test.ts");
  expect(existsSync(join(root, slow?.["working-directory"] ?? ".", slowFile))).toBe(true);
});
