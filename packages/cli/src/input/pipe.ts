// `--file <(hr-export)` hands over a path like /dev/fd/63: a pipe, not a file. It is read
// once, like standard input, rather than refused as a device.
import { stat } from "node:fs/promises";

/** True when `path` is a FIFO (a named pipe, or the pipe behind process substitution); false if not, or if it cannot be stat'ed. */
export async function isPipe(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFIFO();
  } catch {
    return false;
  }
}
