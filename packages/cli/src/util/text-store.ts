// Many short texts kept off the JavaScript heap: each as UTF-8 bytes in large blocks, found
// again by the number `add` gave it. A million strings on the heap cost ~40 bytes each besides
// their text, and V8 lets its heap grow to a multiple of what is live; here a text costs its
// bytes and 12 more, outside the heap.

/** Bytes per block; a longer text gets a block of its own. */
const BLOCK_BYTES = 1024 * 1024;

export class TextStore {
  #count = 0;
  /** For each text: its block, where its bytes start, and how many. */
  #block = new Uint32Array(1024);
  #start = new Uint32Array(1024);
  #bytes = new Uint32Array(1024);
  readonly #blocks: Buffer[] = [];
  #used = 0;

  get size(): number {
    return this.#count;
  }

  /** Keeps `text`; returns its number (0, 1, 2, … in the order added). */
  add(text: string): number {
    const index = this.#count++;
    if (index === this.#block.length) {
      this.#block = grown(this.#block);
      this.#start = grown(this.#start);
      this.#bytes = grown(this.#bytes);
    }
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
    return index;
  }

  /** The text numbered `index`, as a string made now. */
  get(index: number): string {
    const start = this.#start[index] as number;
    return (this.#blocks[this.#block[index] as number] as Buffer).toString(
      "utf8",
      start,
      start + (this.#bytes[index] as number),
    );
  }
}

/** `array` in one twice as long. */
export function grown(array: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
