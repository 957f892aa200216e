// The checked rows of a run, in input order: what every stage after the check works from (the
// question's count, --dry-run, sending). A run holds all of them at once, so they are kept
// compactly, off the JavaScript heap: a valid row's email and names as one text of a
// TextStore, its line and the text's number in typed arrays, and its role and workspaces as the
// index of a combination that many rows share. A row is made into an object again only while a
// stage looks at it. (A million objects of strings would cost ~190 bytes a row, and V8 lets
// its heap grow to a multiple of what is live; this costs ~70, little of it on the heap.)
// Invalid rows are few and keep their problems as objects.
import { grown, TextStore } from "../util/text-store.js";
import type { CheckedRow, InvalidRow, PendingNames, ValidRow } from "./checked.js";

// Valid rows hold no control character (validate.ts refuses them), so NUL separates fields.
const SEPARATOR = "\u0000";

/** What rows share: a role, workspace IDs, and workspace names not yet resolved. */
interface Shared {
  role: string;
  workspace_ids: readonly string[] | undefined;
  workspaces: PendingNames | undefined;
}

export class CheckedRows implements Iterable<CheckedRow> {
  #length = 0;
  #lines = new Uint32Array(1024);
  /** For a valid row: the number of its email and names in #texts; for an invalid row, unused. */
  #text = new Uint32Array(1024);
  readonly #texts = new TextStore();
  /** For a valid row, the index of its Shared in #shared. */
  #sharedAt = new Uint32Array(1024);
  readonly #shared: Shared[] = [];
  readonly #sharedIndex = new Map<string, number>();
  /** The role and lists of the row last kept, and the index they were given. */
  #lastShared: (Shared & { at: number }) | undefined;
  /** The invalid rows, by index. */
  readonly #invalid = new Map<number, InvalidRow>();

  get length(): number {
    return this.#length;
  }

  /** How many rows have problems. */
  get invalid(): number {
    return this.#invalid.size;
  }

  push(row: CheckedRow): void {
    const index = this.#length++;
    if (index === this.#lines.length) this.#grow();
    this.#set(index, row, true);
  }

  /** The row at `index` (0-based), as an object made now. */
  at(index: number): CheckedRow {
    const invalid = this.#invalid.get(index);
    if (invalid) return invalid;
    const [email, given_name, family_name] = this.#texts.get(this.#text[index] as number).split(SEPARATOR) as [
      string,
      string,
      string,
    ];
    const { role, workspace_ids, workspaces } = this.#shared[this.#sharedAt[index] as number] as Shared;
    const line = this.#lines[index] === 0 ? null : (this.#lines[index] as number);
    const row: ValidRow = { line, email, given_name, family_name, role, workspace_ids };
    return workspaces ? { ...row, workspaces } : row;
  }

  *[Symbol.iterator](): Iterator<CheckedRow> {
    for (let i = 0; i < this.#length; i++) yield this.at(i);
  }

  /** How many rows `test` holds for. */
  count(test: (row: CheckedRow) => boolean): number {
    let n = 0;
    for (const row of this) if (test(row)) n++;
    return n;
  }

  /** Replaces each row that still names workspaces with `resolve(row)` (its IDs in their place, or its problems). */
  resolveWorkspaces(resolve: (row: CheckedRow) => CheckedRow): void {
    for (let i = 0; i < this.#length; i++) {
      const invalid = this.#invalid.get(i);
      const pending = invalid ? invalid.workspaces : this.#shared[this.#sharedAt[i] as number]?.workspaces;
      if (pending) this.#set(i, resolve(this.at(i)), false);
    }
  }

  #set(index: number, row: CheckedRow, isNew: boolean): void {
    this.#lines[index] = row.line ?? 0;
    if (row.problems) {
      this.#invalid.set(index, row);
      return;
    }
    this.#invalid.delete(index);
    this.#sharedAt[index] = this.#sharedIndexOf(row);
    // A row whose names are resolved keeps its email and names where they are.
    if (isNew) {
      this.#text[index] = this.#texts.add(`${row.email}${SEPARATOR}${row.given_name}${SEPARATOR}${row.family_name}`);
    }
  }

  #sharedIndexOf({ role, workspace_ids, workspaces }: ValidRow): number {
    // Rows mostly share the same role and lists (validate.ts keeps one copy of each): when they
    // are those of the row before, so is the index, and no key need be built.
    const last = this.#lastShared;
    if (last && last.role === role && last.workspace_ids === workspace_ids && last.workspaces === workspaces)
      return last.at;
    const at = this.#sharedIndexByKey(role, workspace_ids, workspaces);
    this.#lastShared = { role, workspace_ids, workspaces, at };
    return at;
  }

  #sharedIndexByKey(
    role: string,
    workspace_ids: readonly string[] | undefined,
    workspaces: PendingNames | undefined,
  ): number {
    // None of these hold a NUL or a line break (validate.ts), so the key is unambiguous.
    const key = [role, workspace_ids?.join("\n") ?? "", workspaces?.names.join("\n") ?? "", workspaces?.at ?? ""].join(
      SEPARATOR,
    );
    let at = this.#sharedIndex.get(key);
    if (at === undefined) {
      at = this.#shared.push({ role, workspace_ids, workspaces }) - 1;
      this.#sharedIndex.set(key, at);
    }
    return at;
  }

  #grow(): void {
    this.#lines = grown(this.#lines);
    this.#text = grown(this.#text);
    this.#sharedAt = grown(this.#sharedAt);
  }
}
