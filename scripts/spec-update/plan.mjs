// The update, decided but not written: the next spec (the operations the project supports, as
// upstream states them, under the spec's names), its text, what changed for a client, and notes.
import { compareDocuments } from "../spec-diff/compare.mjs";
import { lintProblems } from "./lint.mjs";
import { keepSchemaNames } from "./names.mjs";
import { selectSupported } from "./select.mjs";
import { patchYaml } from "./write.mjs";
/** @import { LoadedDocument } from "../openapi/load.mjs" */
/** @import { Document } from "../openapi/index.mjs" */
/** @import { Comparison } from "../spec-diff/compare.mjs" */

/**
 * @typedef {object} Plan
 * @property {Document} spec
 * @property {string} text the spec file as it would be written
 * @property {Pick<Comparison, "bump" | "changes">} report the current spec compared with the next
 * @property {string[]} notes
 * @property {string[]} missing the supported operations upstream no longer has
 * @property {string[]} dropped upstream's operations the project does not use
 */

/**
 * @param {LoadedDocument} upstream
 * @param {{ document: Document, text: string }} current the spec as it is, and its file
 * @returns {Plan}
 */
export function planUpdate(upstream, current) {
  const selected = selectSupported(upstream.document, current.document);
  const first = compareDocuments(current.document, selected.spec);
  const named = keepSchemaNames(selected.spec, first.renames, current.document);
  const { bump, changes } = compareDocuments(current.document, named.spec);
  const notes = [...upstream.notes, ...selected.notes, ...named.notes];
  if (selected.dropped.length > 0)
    notes.push(`left out, as the project does not use them: ${selected.dropped.join(", ")}`);
  const text = patchYaml(current.text, current.document, named.spec);
  // What the spec lint will refuse, examples that no longer fit above all: named now.
  if (selected.missing.length === 0 && text !== current.text) {
    for (const problem of lintProblems(text)) notes.push(`the spec lint will fail at ${problem}: fix it by hand`);
  }
  return {
    spec: named.spec,
    text,
    report: { bump, changes },
    notes,
    missing: selected.missing,
    dropped: selected.dropped,
  };
}
