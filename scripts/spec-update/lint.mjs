// What the spec lint (`pnpm lint:spec`) will report on a spec that is not written yet, so that
// spec:update names every problem the update brings, above all the examples that no longer fit
// their schemas: the lint is the judge of that, so the two lists cannot disagree.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { redoclyLint } from "../redocly.mjs";

/**
 * @typedef {{ ruleId: string, severity: string, message: string, location: { pointer: string }[] }} Problem
 * @param {string} text the spec, as it would be written
 * @returns {string[]} one line per place the lint finds fault with: `#/pointer: messages (rules)`
 */
export function lintProblems(text) {
  const dir = mkdtempSync(join(tmpdir(), "dcloud-spec-lint-"));
  try {
    const file = join(dir, "openapi.yaml");
    writeFileSync(file, text);
    const { stdout, stderr } = redoclyLint([file, "--format=json"], { capture: true });
    let problems;
    try {
      problems = /** @type {{ problems: Problem[] }} */ (JSON.parse(stdout)).problems;
    } catch {
      throw new Error(`the spec lint did not run: ${stderr.trim() || stdout.trim()}`);
    }
    /** @type {Map<string, { messages: Set<string>, rules: Set<string> }>} */
    const byPlace = new Map();
    for (const p of problems) {
      const pointer = p.location[0]?.pointer ?? "#";
      const place = byPlace.get(pointer) ?? { messages: new Set(), rules: new Set() };
      place.messages.add(p.message.replace(/\.$/, ""));
      place.rules.add(p.severity === "error" ? p.ruleId : `${p.ruleId}, ${p.severity}`);
      byPlace.set(pointer, place);
    }
    return [...byPlace].map(
      ([pointer, { messages, rules }]) => `${pointer}: ${joined([...messages])} (${[...rules].join(", ")})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** "X: a", "X: b" → "X: a; b". @param {string[]} messages */
function joined(messages) {
  const prefix = /^[^:]*: /.exec(messages[0] ?? "")?.[0];
  if (!prefix || !messages.every((m) => m.startsWith(prefix))) return messages.join("; ");
  return prefix + messages.map((m) => m.slice(prefix.length)).join("; ");
}
