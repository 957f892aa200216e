// Reads a response body without ever holding more than a bound: a server (or anything in
// between) may answer with gigabytes, and an error body is only there to be shown.

/** What was read of a body. */
export interface BodyRead {
  bytes: Uint8Array;
  /** True when the body went on past the bound; the rest was not read. */
  truncated: boolean;
}

/**
 * - `whole`: the body, unless it is longer than `limit` (then nothing, marked truncated; a
 *   Content-Length past the limit is refused before reading);
 * - `head`: its first `limit` bytes, marked truncated when there was more;
 * - `drain`: nothing kept, read up to `limit` to free the connection.
 * Past the limit the rest is not read: the stream is cancelled.
 */
export async function readBody(response: Response, limit: number, mode: "whole" | "head" | "drain"): Promise<BodyRead> {
  const stream = response.body;
  if (!stream) return { bytes: new Uint8Array(0), truncated: false };
  const keep = mode !== "drain";
  const declared = response.headers.get("content-length");
  // A declared length within the bound is the whole body (fetch stops there): read it in one go.
  if (declared !== null && Number(declared) <= limit) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { bytes: keep ? bytes : new Uint8Array(0), truncated: false };
  }
  if (mode === "whole" && Number(declared) > limit) {
    await stream.cancel().catch(() => {});
    return { bytes: new Uint8Array(0), truncated: true };
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (length + value.byteLength > limit) {
      if (mode === "head") chunks.push(value.subarray(0, limit - length));
      length = limit;
      await reader.cancel().catch(() => {});
      return { bytes: mode === "head" ? join(chunks, length) : new Uint8Array(0), truncated: true };
    }
    length += value.byteLength;
    if (keep) chunks.push(value);
  }
  return { bytes: keep ? join(chunks, length) : new Uint8Array(0), truncated: false };
}

function join(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
