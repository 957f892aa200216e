// Where upstream names a component schema otherwise than the spec does (the schema at the same
// place: same operation, status, media type or property), the spec keeps its own name: the
// client exports types by these names, and a rename would break code that uses them.
import { isObject, pointerSegments, toPointer } from "../openapi/index.mjs";
/** @import { Document } from "../openapi/index.mjs" */
/** @import { SchemaRename } from "../spec-diff/compare.mjs" */

/**
 * The next spec with the spec's names given back to the schemas upstream renamed, and a note
 * for each rename (or for each it could not undo: two names for one schema, or a name taken).
 * @param {Document} spec the next spec, as selected from upstream
 * @param {SchemaRename[]} renames found by comparing the current spec (`before`) with it (`after`)
 * @param {Document} current
 * @returns {{ spec: Document, notes: string[] }}
 */
export function keepSchemaNames(spec, renames, current) {
  /** @type {string[]} */
  const notes = [];
  /** @type {Map<string, string>} upstream's name → the spec's */
  const names = new Map();
  const schemas = spec.components?.schemas ?? {};
  for (const r of renames) {
    const others = renames.filter((o) => o !== r && (o.after === r.after || o.before === r.before));
    if (others.length > 0) {
      const group = [r, ...others];
      const note = `upstream's ${[...new Set(group.map((o) => o.after))].sort().join(", ")} stand where the spec has ${[...new Set(group.map((o) => o.before))].sort().join(", ")}: names left as upstream's; review them`;
      if (!notes.includes(note)) notes.push(note);
    } else if (r.before in schemas) {
      notes.push(
        `schema ${r.before}: upstream calls it ${r.after} (${r.operation}, ${r.where}) and has another ${r.before}; names left as upstream's, review them`,
      );
    } else {
      names.set(r.after, r.before);
      notes.push(
        `schema ${r.before}: upstream calls it ${r.after} (${r.operation}, ${r.where}); the spec keeps ${r.before}`,
      );
    }
  }
  if (names.size === 0) return { spec, notes };

  // The schemas, renamed, in the current spec's order, then in the order they came.
  const order = Object.keys(current.components?.schemas ?? {});
  const rank = (/** @type {string} */ name) => (order.includes(name) ? order.indexOf(name) : order.length);
  const entries = Object.entries(schemas).map(
    ([name, schema]) => /** @type {const} */ ([names.get(name) ?? name, schema]),
  );
  const renamed = structuredClone({
    ...spec,
    components: { ...spec.components, schemas: Object.fromEntries(entries.sort(([a], [b]) => rank(a) - rank(b))) },
  });
  return { spec: /** @type {Document} */ (renameRefs(renamed, names)), notes };
}

/** Every `$ref` (and discriminator mapping) to a renamed schema, pointed at its new name. @param {unknown} node @param {Map<string, string>} names @returns {unknown} */
function renameRefs(node, names) {
  if (Array.isArray(node)) return node.map((item) => renameRefs(item, names));
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === "$ref" && typeof value === "string") return [key, renameRef(value, names)];
      if (key === "mapping" && isObject(value)) {
        return [
          key,
          Object.fromEntries(
            Object.entries(value).map(([k, v]) => [k, typeof v === "string" ? renameRef(v, names) : v]),
          ),
        ];
      }
      return [key, renameRefs(value, names)];
    }),
  );
}

/** @param {string} ref @param {Map<string, string>} names */
function renameRef(ref, names) {
  const segments = pointerSegments(ref);
  const name = segments?.[0] === "components" && segments[1] === "schemas" ? names.get(segments[2] ?? "") : undefined;
  return segments && name ? toPointer(["components", "schemas", name, ...segments.slice(3)]) : ref;
}
