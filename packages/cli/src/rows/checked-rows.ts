// The checked rows of a run, in input order: what every stage after the check works from (the
// question's count, --dry-run, sending). A run holds all of them at once, so they are kept
// compactly, off the JavaScript heap: a valid row's email and names as UTF-8 bytes in large
// blocks, its line and where its bytes are in typed arrays, and its role and workspaces as the
// index of a combination that many rows share. A row is made into an object again only while a
// stage looks at it. (A million objects of strings would cost ~190 bytes a row, and V8 lets
// its heap grow to a multiple of what is live; this costs ~70, little of it on the heap.)
// Invalid rows are few and keep their problems as objects.
import type { CheckedRow, InvalidRow, PendingNames, ValidRow } from "./checked.js";

/** Bytes per block; a row longer than this (it cannot be much longer: cells are bounded) gets a block of its own. */
const BLOCK_BYTES = 1024 * 1024;
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
  /** For a valid row: its block, where its bytes start, and how many; for an invalid row, unused. */
  #block = new Uint32Array(1024);
  #start = new Uint32Array(1024);
  #bytes = new Uint32Array(1024);
  /** For a valid row, the index of its Shared in #shared. */
  #sharedAt = new Uint32Array(1024);
  readonly #blocks: Buffer[] = [];
  #used = 0;
  readonly #shared: Shared[] = [];
  readonly #sharedIndex = new Map<string, number>();
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
    const block = this.#blocks[this.#block[index] as number] as Buffer;
    const start = this.#start[index] as number;
    const [email, given_name, family_name] = block
      .toString("utf8", start, start + (this.#bytes[index] as number))
      .split(SEPARATOR) as [string, string, string];
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
    if (isNew) this.#store(index, `${row.email}${SEPARATOR}${row.given_name}${SEPARATOR}${row.family_name}`);
  }

  #store(index: number, text: string): void {
    const size = Buffer.byteLength(text);
    let block = this.#blocks.at(-1);
    if (!block || this.#used + size > block.length) {
      block = Buffer.allocUnsafeSlow(Math.max(BLOCK_BYTES, size));
      this.#blocks.push(block);
      this.#used = 0;
    }
    block.write(text, this.#used, "utf8");
    this.#block[index] = this.#blocks.length - 1;
    this.#start[index] = this.#used;
    this.#bytes[index] = size;
    this.#used += size;
  }

  #sharedIndexOf({ role, workspace_ids, workspaces }: ValidRow): number {
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
    const grown = (array: Uint32Array) => {
      const bigger = new Uint32Array(array.length * 2);
      bigger.set(array);
      return bigger;
    };
    this.#lines = grown(this.#lines);
    this.#block = grown(this.#block);
    this.#start = grown(this.#start);
    this.#bytes = grown(this.#bytes);
    this.#sharedAt = grown(this.#sharedAt);
  }
}
