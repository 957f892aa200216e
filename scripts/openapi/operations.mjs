// Walking a document's operations.
import { resolve } from "./refs.mjs";
/** @import { Document, HttpMethod, Operation, Parameter, PathItem } from "./types.mjs" */

/** @type {readonly HttpMethod[]} */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * @typedef {object} OperationEntry
 * @property {string} key `POST /api/v1/…`
 * @property {HttpMethod} method
 * @property {string} path
 * @property {string | undefined} operationId
 * @property {Operation} operation
 * @property {PathItem} pathItem
 * @property {Parameter[]} parameters the path item's and the operation's, `$ref`s resolved; an
 *   operation's parameter replaces the path item's of the same name and location
 * @typedef {OperationEntry & { operationId: string }} IdentifiedOperation
 */

/**
 * Every operation of the document, in its order. By default each must have an operationId
 * (the generated code is keyed by it); `{ requireOperationId: false }` reads any document.
 * @overload
 * @param {Document} document
 * @param {{ requireOperationId?: true }} [options]
 * @returns {IdentifiedOperation[]}
 */
/**
 * @overload
 * @param {Document} document
 * @param {{ requireOperationId: boolean }} options
 * @returns {OperationEntry[]}
 */
/**
 * @param {Document} document
 * @param {{ requireOperationId?: boolean }} [options]
 * @returns {OperationEntry[]}
 */
export function operationsOf(document, { requireOperationId = true } = {}) {
  const operations = [];
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const key = `${method.toUpperCase()} ${path}`;
      if (requireOperationId && !operation.operationId) throw new Error(`${key} has no operationId`);
      /** @type {Map<string, Parameter>} */
      const parameters = new Map();
      for (const p of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
        const parameter = resolve(document, p);
        parameters.set(`${parameter.in} ${parameter.name}`, parameter);
      }
      operations.push({
        key,
        method,
        path,
        operationId: operation.operationId,
        operation,
        pathItem,
        parameters: [...parameters.values()],
      });
    }
  }
  return operations;
}

/** The names of a path template's parameters, in order: `/a/{x}/b/{y}` → ["x", "y"]. @param {string} path */
export const pathParameterNames = (path) => [...path.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? "");

/** A path template without its parameters' names (`/a/{}/b`): two paths of one shape are one path. @param {string} path */
export const pathShape = (path) => path.replace(/\{[^{}]*\}/g, "{}");
