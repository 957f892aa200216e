// Reading an OpenAPI document: a file (or, where allowed, an http(s) URL), JSON or YAML (one
// parser reads both: YAML 1.2 is a superset of JSON), checked and read as OpenAPI 3.1
// (check.mjs). Every failure is a DocumentError naming the file and the place: `line:column`
// for what the parser or the check finds, and the JSON pointer of the node that is wrong.
import { readFile } from "node:fs/promises";
import { isNode, LineCounter, parseDocument } from "yaml";
import { checkDocument, DocumentError } from "./check.mjs";
/** @import { Document } from "./types.mjs" */

/**
 * @typedef {object} LoadedDocument
 * @property {Document} document the document, as OpenAPI 3.1
 * @property {string} version the OpenAPI version the document states
 * @property {string[]} notes what was read differently from how it is written (3.0 converted; nulls)
 */

/**
 * @param {string} from a file path, or (with `allowUrl`) an http(s) URL
 * @param {{ allowUrl?: boolean }} [options]
 * @returns {Promise<LoadedDocument>}
 */
export async function loadDocument(from, { allowUrl = false } = {}) {
  let text;
  if (allowUrl && /^https?:\/\//i.test(from)) {
    let response;
    try {
      response = await fetch(from, { headers: { accept: "application/json, application/yaml;q=0.9, */*;q=0.1" } });
    } catch (error) {
      const cause = /** @type {{ cause?: { message?: string } }} */ (error).cause;
      throw new DocumentError(`${from}: cannot fetch it (${cause?.message ?? /** @type {Error} */ (error).message})`);
    }
    if (!response.ok) throw new DocumentError(`${from}: GET answered ${response.status} ${response.statusText}`);
    text = await response.text();
  } else {
    try {
      text = await readFile(from, "utf8");
    } catch (error) {
      const { code, message } = /** @type {NodeJS.ErrnoException} */ (error);
      throw new DocumentError(
        `${from}: cannot read it (${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a directory" : message})`,
      );
    }
  }
  return parseDocumentText(text, from);
}

/**
 * @param {string} text JSON or YAML
 * @param {string} source where the text came from, for messages
 * @returns {LoadedDocument}
 */
export function parseDocumentText(text, source) {
  const lines = new LineCounter();
  const parsed = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  /** @param {number} offset */
  const position = (offset) => {
    const { line, col } = lines.linePos(offset);
    return `${line}:${col}`;
  };
  const [error] = parsed.errors;
  if (error) throw new DocumentError(`${source}:${position(error.pos[0])}: ${error.message}`);
  /** The line and column of the deepest node on the way to `segments` that the text has. @param {(string | number)[]} segments */
  const locate = (segments) => {
    for (let n = segments.length; n > 0; n--) {
      const node = parsed.getIn(segments.slice(0, n), true);
      if (isNode(node) && node.range) return position(node.range[0]);
    }
    return null;
  };
  return checkDocument(parsed.toJS(), { source, locate });
}
