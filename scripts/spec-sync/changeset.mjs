// The changeset that a spec update calls for, written from the comparison: @dcloud/client at
// the bump the changes imply, @dcloud/cli (which bundles the client, so it ships the change only
// when it is released too) at patch: the two are one fixed group, so both take the larger bump
// anyway. The text users read in the changelog is the list of changes, by level.
import { createHash } from "node:crypto";

/** @import { Comparison, Level } from "../spec-diff/compare.mjs" */

/** @type {Record<Level, string>} */
const HEADINGS = { major: "Breaking", minor: "Added", patch: "Documentation" };

/**
 * @param {Pick<Comparison, "bump" | "changes">} report the current spec compared with the next
 * @returns {string} the .changeset/*.md file; with bump "none", an empty changeset (the spec
 *   changed, but nothing a client can notice)
 */
export function renderChangeset({ bump, changes }) {
  if (bump === "none")
    return "---\n---\n\nThe API spec follows deepset Cloud's document again; nothing changes for a client.\n";
  const lines = [
    "---",
    `"@dcloud/client": ${bump}`,
    '"@dcloud/cli": patch',
    "---",
    "",
    `The API spec follows deepset Cloud's current document (${changes.length} change(s) to the supported operations).`,
  ];
  for (const level of /** @type {Level[]} */ (["major", "minor", "patch"])) {
    const group = changes.filter((c) => c.level === level);
    if (group.length === 0) continue;
    lines.push("", `${HEADINGS[level]} (${level}):`, "");
    for (const c of group) lines.push(`- \`${c.operation}\`, ${markdownText(c.where)}: ${markdownText(c.message)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Markdown would read `*`, `_` and `<` in schema paths and messages as markup. @param {string} text */
const markdownText = (text) => text.replace(/[\\`*_<>[\]]/g, (c) => `\\${c}`);

/** A file name that differs for each spec it describes, so two updates never overwrite each other. @param {string} specText */
export const changesetName = (specText) =>
  `spec-sync-${createHash("sha256").update(specText).digest("hex").slice(0, 10)}.md`;
