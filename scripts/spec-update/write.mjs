// Writes the next spec over the current file's YAML document, changing only the nodes whose
// values changed: comments, quoting and layout of everything else stay as they were, so
// `git diff spec/` shows the API's change and nothing more.
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import { deepEqual, isObject } from "./util.mjs";

export function patchYaml(text, before, after) {
  const doc = parseDocument(text);
  doc.contents = patchNode(doc, doc.contents, before, after);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false, singleQuote: true });
}

function patchNode(doc, node, a, b) {
  if (deepEqual(a, b)) return node;
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

const keyOf = (pair) => String(isScalar(pair.key) ? pair.key.value : pair.key);
