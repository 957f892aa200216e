// The spec's own words for each response status, so error messages say what the API's page says.
import { operationsOf } from "../openapi/index.mjs";
/** @import { Document } from "../openapi/index.mjs" */

/** @param {Document} spec */
export function renderResponses(spec) {
  /** @type {Record<string, Record<string, string | undefined>>} */
  const byOperation = {};
  for (const { operationId, operation } of operationsOf(spec)) {
    byOperation[operationId] = Object.fromEntries(
      Object.entries(operation.responses ?? {}).map(([status, response]) => [status, response.description]),
    );
  }
  return `export const responseDescriptions = ${JSON.stringify(byOperation, null, 2)} as const satisfies Record<string, Record<number, string>>;\n`;
}
