// A comparison as text: the changes grouped by level, the notes, and the bump they imply.
/** @import { Comparison, Level } from "./compare.mjs" */

/** @type {Record<Level, string>} */
const HEADINGS = { major: "Breaking (major)", minor: "Additive (minor)", patch: "Documentation only (patch)" };

/** @param {Pick<Comparison, "bump" | "changes">} comparison @param {{ notes?: string[], empty?: string }} [options] */
export function renderReport({ bump, changes }, { notes = [], empty = "No changes." } = {}) {
  const lines = [];
  for (const level of /** @type {Level[]} */ (["major", "minor", "patch"])) {
    const group = changes.filter((c) => c.level === level);
    if (group.length === 0) continue;
    lines.push(`${HEADINGS[level]}:`);
    for (const c of group) lines.push(`  - ${c.operation}, ${c.where}: ${c.message}`);
  }
  if (changes.length === 0) lines.push(empty);
  if (notes.length > 0) {
    lines.push("Notes:");
    for (const note of notes) lines.push(`  - ${note}`);
  }
  lines.push(`Implied bump: ${bump}`);
  return lines.join("\n");
}
