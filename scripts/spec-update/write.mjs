// Writes the next spec over the current file's YAML document, changing only the nodes whose
// values changed: comments, quoting and layout of everything else stay as they were, so
// `git diff spec/` shows the API's change and nothing more.
import { isDeepStrictEqual as equal } from "node:util";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import { isObject } from "../openapi/index.mjs";
/** @import { Document as YamlDocument, Pair } from "yaml" */

/** @param {string} text the current file @param {unknown} before what it holds @param {unknown} after the next spec */
export function patchYaml(text, before, after) {
  const doc = parseDocument(text);
  doc.contents = /** @type {typeof doc.contents} */ (patchNode(doc, doc.contents, before, after));
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false, singleQuote: true });
}

/** @param {YamlDocument} doc @param {unknown} node @param {unknown} a @param {unknown} b @returns {unknown} */
function patchNode(doc, node, a, b) {
  if (equal(a, b)) return node;
  if (isMap(node) && isObject(a) && isObject(b)) {
    node.items = node.items.filter((pair) => Object.hasOwn(b, keyOf(pair)));
    for (const pair of node.items) pair.value = patchNode(doc, pair.value, a[keyOf(pair)], b[keyOf(pair)]);
    for (const key of Object.keys(b)) if (!Object.hasOwn(a, key)) node.items.push(doc.createPair(key, b[key]));
    return node;
  }
  const created = doc.createNode(b);
  // Keep a flow sequence (`required: [a, b]`) in flow style.
  if (isSeq(node) && node.flow && isSeq(created)) created.flow = true;
  return created;
}

/** @param {Pair<unknown, unknown>} pair */
const keyOf = (pair) => String(isScalar(pair.key) ? pair.key.value : pair.key);
