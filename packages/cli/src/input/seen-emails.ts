// The emails a run's rows have used so far (compared ignoring case), each with the line where
// it first appeared: a later row with one is a duplicate. Every email of the input is kept
// while the rows are checked, so they are kept off the JavaScript heap: the texts in a
// TextStore, and an open-addressing table of their hashes in typed arrays (a Map of a million
// strings would hold ~70 MB of heap, and V8 lets its heap grow to a multiple of that).
import { grown, TextStore } from "../util/text-store.js";

export class SeenEmails {
  readonly #emails = new TextStore();
  /** For each email, by its number in #emails: its hash and its line (0 for flags). */
  #hashes = new Uint32Array(1024);
  #lines = new Uint32Array(1024);
  /** Slots of the table: an email's number + 1, or 0 for an empty slot; never more than half full. */
  #slots = new Uint32Array(2048);

  /** The line where `email` (ignoring case) was first seen; undefined, and remembered at `line`, when it is new. */
  firstLine(email: string, line: number | null): number | null | undefined {
    const key = email.toLowerCase();
    const hash = hashOf(key);
    const mask = this.#slots.length - 1;
    let slot = hash & mask;
    for (let at = this.#slots[slot] as number; at !== 0; at = this.#slots[slot] as number) {
      if (this.#hashes[at - 1] === hash && this.#emails.get(at - 1) === key) {
        const first = this.#lines[at - 1] as number;
        return first === 0 ? null : first;
      }
      slot = (slot + 1) & mask;
    }
    const index = this.#emails.add(key);
    if (index === this.#hashes.length) {
      this.#hashes = grown(this.#hashes);
      this.#lines = grown(this.#lines);
    }
    this.#hashes[index] = hash;
    this.#lines[index] = line ?? 0;
    this.#slots[slot] = index + 1;
    if (this.#emails.size * 2 > this.#slots.length) this.#rehash();
    return undefined;
  }

  #rehash(): void {
    const slots = new Uint32Array(this.#slots.length * 2);
    const mask = slots.length - 1;
    for (let index = 0; index < this.#emails.size; index++) {
      let slot = (this.#hashes[index] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = index + 1;
    }
    this.#slots = slots;
  }
}

/** FNV-1a over the UTF-16 code units: 32 bits, as an unsigned number. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
