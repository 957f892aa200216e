// `$ref`s within one document: local JSON pointers (`#/components/schemas/User`). A reference to
// another file or URL is refused where the document is read (check.mjs).
/** @import { Document, Reference } from "./types.mjs" */

/** @param {unknown} value @returns {value is Record<string, unknown>} */
export const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** @param {unknown} node @returns {node is Reference} */
export const isReference = (node) => isObject(node) && typeof node.$ref === "string";

/** JSON pointer segments → `#/a/b~1c`. @param {readonly (string | number)[]} segments */
export const toPointer = (segments) =>
  `#${segments.map((s) => `/${String(s).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("")}`;

/** `#/a/b~1c` → ["a", "b/c"], or null for a reference that is not a local JSON pointer. @param {string} ref */
export function pointerSegments(ref) {
  if (ref === "#") return [];
  if (!ref.startsWith("#/")) return null;
  return ref
    .slice(2)
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** The name a `#/components/<type>/<name>` reference gives, or null. @param {string} ref */
export function componentName(ref) {
  const segments = pointerSegments(ref);
  return segments?.length === 3 && segments[0] === "components" ? (segments[2] ?? null) : null;
}

/** What a local reference points at, or undefined when it points at nothing. @param {unknown} document @param {string} ref */
export function pointerTarget(document, ref) {
  const segments = pointerSegments(ref);
  if (segments === null) return undefined;
  /** @type {unknown} */
  let node = document;
  for (const segment of segments) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (isObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

/**
 * Follows a `$ref` (and any `$ref` it leads to) to the object it names; any other value is
 * returned as it is. Fields beside a `$ref` override the target's (a Reference's `summary` and
 * `description`; annotations beside a schema's `$ref`).
 * @template T
 * @param {Document} document
 * @param {T | Reference} node
 * @returns {T}
 */
export function resolve(document, node) {
  /** @type {unknown} */
  let current = node;
  /** @type {Record<string, unknown>} */
  let siblings = {};
  const seen = new Set();
  while (isReference(current)) {
    const { $ref, ...rest } = current;
    if (seen.has($ref)) throw new Error(`$ref cycle at ${$ref}`);
    seen.add($ref);
    const target = pointerTarget(document, $ref);
    if (target === undefined) throw new Error(`$ref ${$ref} points at nothing`);
    siblings = { ...rest, ...siblings };
    current = target;
  }
  return /** @type {T} */ (
    Object.keys(siblings).length > 0 && isObject(current) ? { ...current, ...siblings } : current
  );
}

/**
 * A copy of `document` with every local `$ref` replaced by what it points at (fields beside a
 * `$ref` override the target's). A cycle of references cannot be written out and throws.
 * @template T
 * @param {T} document
 * @returns {T}
 */
export function resolveRefs(document) {
  /** @type {(node: unknown, seen: readonly string[]) => unknown} */
  const walk = (node, seen) => {
    if (Array.isArray(node)) return node.map((n) => walk(n, seen));
    if (!isObject(node)) return node;
    const { $ref, ...rest } = node;
    if (typeof $ref === "string") {
      if (seen.includes($ref)) throw new Error(`Circular $ref ${$ref}`);
      const target = pointerTarget(document, $ref);
      if (target === undefined) throw new Error(`Unresolvable $ref ${$ref}`);
      const resolved = walk(target, [...seen, $ref]);
      return Object.keys(rest).length > 0
        ? { .../** @type {object} */ (resolved), .../** @type {object} */ (walk(rest, seen)) }
        : resolved;
    }
    return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, walk(v, seen)]));
  };
  return /** @type {T} */ (walk(document, []));
}
