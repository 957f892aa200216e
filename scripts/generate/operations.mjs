// What the client must know of each operation at run time, by operationId: its method and
// path (and a pattern that recognises its URLs), the statuses it documents as success, the
// spec's words for every status, and its request validators. The transport looks requests
// up here, so an operation added to the spec gets all of it without hand-written code.
import { operationsOf, resolve } from "../openapi/index.mjs";

/** @import { Document, Parameter } from "../openapi/index.mjs" */

const SUCCESS = /^[12]\d\d$/;

/** @param {Document} spec */
export function renderOperations(spec) {
  const entries = operationsOf(spec).map(({ path, method, operationId, operation, parameters }) => {
    checkParameters(parameters);
    const responses = operation.responses ?? {};
    const statuses = Object.keys(responses);
    const success = statuses.filter((s) => SUCCESS.test(s)).map(Number);
    if (success.length === 0) throw new Error(`${method.toUpperCase()} ${path} documents no 1xx/2xx response`);
    const requestBody = resolve(spec, operation.requestBody);
    const body = requestBody?.content?.["application/json"];
    const descriptions = Object.fromEntries(statuses.map((s) => [s, resolve(spec, responses[s])?.description ?? ""]));
    const lines = [
      `method: ${JSON.stringify(method.toUpperCase())}`,
      `path: ${JSON.stringify(path)}`,
      `pattern: ${patternOf(path)}`,
      `pathParams: ${JSON.stringify(parameters.filter((p) => p.in === "path").map((p) => p.name))}`,
      `headerParams: ${JSON.stringify(parameters.filter((p) => p.in === "header").map((p) => p.name.toLowerCase()))}`,
      `success: ${JSON.stringify(success)}`,
      `responses: ${JSON.stringify(descriptions)}`,
      `validateParameters: ${parameters.length > 0 ? `parameters.${operationId} as Validator` : "undefined"}`,
      `body: ${body ? `{ required: ${Boolean(requestBody?.required)}, validate: bodies.${operationId} as Validator }` : "undefined"}`,
    ];
    return `  ${operationId}: {\n${lines.map((l) => `    ${l},`).join("\n")}\n  },`;
  });
  return (
    'import * as bodies from "./body-validators.js";\n' +
    'import * as parameters from "./parameter-validators.js";\n\n' +
    "/** An Ajv standalone validator, and the errors it leaves on itself after a failed check. */\n" +
    "export type Validator = ((data: unknown) => boolean) & {\n" +
    "  errors?: { instancePath: string; keyword: string; params: { missingProperty?: string }; message?: string }[] | null;\n" +
    "};\n\n" +
    `export const operations = {\n${entries.join("\n")}\n} as const;\n`
  );
}

/** @param {Parameter[]} parameters */
function checkParameters(parameters) {
  for (const p of parameters) if (p.in === "cookie") throw new Error(`cookie parameter "${p.name}" is not supported`);
}

/**
 * `/a/{id}/b` → `/^\/a\/([^/]+)\/b$/`: one capture per path parameter, in order.
 * @param {string} path
 */
function patternOf(path) {
  const escaped = path
    .split(/\{[^{}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
    .join("([^/]+)");
  return `/^${escaped}$/`;
}
