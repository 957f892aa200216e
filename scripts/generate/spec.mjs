// Reading spec/openapi.yaml, shared by every generator.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export async function readSpec(path) {
  return parse(await readFile(path, "utf8"));
}

/** Every operation with its path, method and operationId, in the spec's order. */
export function operationsOf(spec) {
  const operations = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      operations.push({ path, method, operationId: operation.operationId, operation, pathItem: item });
    }
  }
  return operations;
}
