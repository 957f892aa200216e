// The OpenAPI helpers that the code generator, spec:diff, spec:update and the contract tests
// share: reading a document (YAML or JSON, OpenAPI 3.0 read as 3.1), `$ref`s, operations.
export { DocumentError } from "./check.mjs";
export { loadDocument, parseDocumentText } from "./load.mjs";
export { HTTP_METHODS, operationsOf, pathParameterNames, pathShape } from "./operations.mjs";
export {
  componentName,
  isObject,
  isReference,
  pointerSegments,
  pointerTarget,
  resolve,
  resolveRefs,
  toPointer,
} from "./refs.mjs";
/**
 * @typedef {import("./types.mjs").Document} Document
 * @typedef {import("./types.mjs").Operation} Operation
 * @typedef {import("./types.mjs").Parameter} Parameter
 * @typedef {import("./types.mjs").Schema} Schema
 * @typedef {import("./types.mjs").SchemaObject} SchemaObject
 * @typedef {import("./operations.mjs").OperationEntry} OperationEntry
 */
