export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

export function deepEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

/** `#/components/schemas/X` → ["schemas", "X"] (JSON-pointer unescaped), or null for other refs. */
export function componentRef(ref) {
  const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
  return match ? [match[1], match[2].replaceAll("~1", "/").replaceAll("~0", "~")] : null;
}

/** Follows `$ref`s (local component refs only) to the object they name; siblings of $ref win. */
export function resolve(spec, node, seen = new Set()) {
  if (!isObject(node) || typeof node.$ref !== "string") return node;
  const target = componentRef(node.$ref);
  if (!target) throw new Error(`unsupported $ref ${node.$ref} (only #/components/... refs are supported)`);
  if (seen.has(node.$ref)) throw new Error(`$ref cycle at ${node.$ref}`);
  const found = spec.components?.[target[0]]?.[target[1]];
  if (found === undefined) throw new Error(`$ref ${node.$ref} names nothing`);
  const { $ref, ...siblings } = node;
  const resolved = resolve(spec, found, new Set([...seen, node.$ref]));
  return Object.keys(siblings).length > 0 ? { ...resolved, ...siblings } : resolved;
}

export function operationsOf(spec) {
  const operations = new Map();
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (item?.[method]) operations.set(`${method.toUpperCase()} ${path}`, { path, method, item, operation: item[method] });
    }
  }
  return operations;
}
