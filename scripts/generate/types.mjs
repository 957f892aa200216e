// The TypeScript types of every path, operation and schema, by openapi-typescript.
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

/** @param {string} specPath */
export async function renderTypes(specPath) {
  const ast = await openapiTS(pathToFileURL(specPath), {
    // `workspace_ids` has a default, so the server fills it in: callers may omit it.
    defaultNonNullable: false,
    alphabetize: true,
  });
  return astToString(ast);
}
