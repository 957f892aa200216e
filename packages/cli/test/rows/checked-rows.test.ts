// The compact list of checked rows gives back every row as it was pushed, in order: valid rows
// (any text, shared or not), invalid rows, rows whose workspace names are resolved later.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { controlCharacterIn } from "../../src/input/rules.js";
import type { CheckedRow, ValidRow } from "../../src/rows/checked.js";
import { CheckedRows } from "../../src/rows/checked-rows.js";

// Valid rows hold no control character: validation refuses them.
const text = fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => controlCharacterIn(s) === undefined);
const uuid = fc.uuid();
const validRow = fc.record({
  email: text,
  given_name: text,
  family_name: text,
  role: fc.constantFrom("admin", "member", "Custom Rolle ✓"),
  workspace_ids: fc.option(fc.array(uuid, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  names: fc.option(fc.array(fc.constantFrom("sales", "Support", "R&D"), { minLength: 1, maxLength: 2 }), {
    nil: undefined,
  }),
});
const row = fc.oneof(
  { weight: 4, arbitrary: validRow.map((r) => ({ kind: "valid" as const, ...r })) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("invalid" as const), email: fc.option(text, { nil: null }) }) },
);

type Generated = typeof row extends fc.Arbitrary<infer T> ? T : never;

function made(generated: readonly Generated[]): CheckedRow[] {
  return generated.map((r, i): CheckedRow => {
    const line = i + 2;
    if (r.kind === "invalid") {
      const typed = { email: r.email ?? "", given_name: "", family_name: "", role: "", workspace_ids: "" };
      return { line, email: r.email, typed, problems: [{ line, field: "email", message: "bad" }] };
    }
    const valid: ValidRow = {
      line,
      email: r.email,
      given_name: r.given_name,
      family_name: r.family_name,
      role: r.role,
      workspace_ids: r.workspace_ids,
    };
    return r.names ? { ...valid, workspaces: { names: r.names, at: 0 } } : valid;
  });
}

describe("CheckedRows", () => {
  test.prop([fc.array(row, { maxLength: 300 })])("gives back every row as pushed, in order", (generated) => {
    const rows = made(generated);
    const list = new CheckedRows();
    for (const r of rows) list.push(r);
    expect(list.length).toBe(rows.length);
    expect(list.invalid).toBe(rows.filter((r) => r.problems).length);
    expect([...list]).toEqual(rows);
  });

  it("rows past a block's end, and a row longer than a block, come back whole", () => {
    const list = new CheckedRows();
    const long = "ü".repeat(700_000);
    const rows: ValidRow[] = Array.from({ length: 40 }, (_, i) => ({
      line: i + 2,
      email: `u${i}@x.io`,
      given_name: i === 20 ? long : "é".repeat(30_000),
      family_name: "B",
      role: "member",
      workspace_ids: undefined,
    }));
    for (const r of rows) list.push(r);
    expect([...list]).toEqual(rows);
  });

  it("resolveWorkspaces replaces the rows that name workspaces, valid or not", () => {
    const list = new CheckedRows();
    const base = { email: "a@x.io", given_name: "A", family_name: "B", role: "member", workspace_ids: undefined };
    list.push({ ...base, line: 2, workspaces: { names: ["sales"], at: 0 } });
    list.push({ ...base, line: 3, email: "b@x.io" });
    list.push({ ...base, line: 4, email: "c@x.io", workspaces: { names: ["nope"], at: 0 } });
    list.resolveWorkspaces((r) =>
      r.workspaces?.names[0] === "sales"
        ? { ...base, line: r.line, workspace_ids: ["11111111-1111-4111-8111-111111111111"] }
        : {
            line: r.line,
            email: r.email,
            typed: { email: r.email ?? "", given_name: "A", family_name: "B", role: "member", workspace_ids: "nope" },
            problems: [{ line: r.line, field: "workspaces", message: "unknown" }],
          },
    );
    expect([...list].map((r) => [r.line, r.problems ? "invalid" : (r as ValidRow).workspace_ids])).toEqual([
      [2, ["11111111-1111-4111-8111-111111111111"]],
      [3, undefined],
      [4, "invalid"],
    ]);
    expect(list.invalid).toBe(1);
  });
});
