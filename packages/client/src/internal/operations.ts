// The spec's operations as the transport sees them: a request (method and URL) is matched to
// its operation, which says what counts as success and how to check the request.
import { operations, type Validator } from "../generated/operations.js";

export type { Validator };

export interface Operation {
  operationId: OperationId;
  method: string;
  path: string;
  pattern: RegExp;
  pathParams: readonly string[];
  headerParams: readonly string[];
  success: readonly number[];
  /** The spec's description of each documented status. */
  responses: Readonly<Record<string, string>>;
  validateParameters: Validator | undefined;
  body: { required: boolean; validate: Validator } | undefined;
}

export type OperationId = keyof typeof operations;

const all: Operation[] = Object.entries(operations).map(([operationId, facts]) => ({
  operationId: operationId as OperationId,
  ...(facts as Omit<Operation, "operationId">),
}));

/** The operation a request is for, with its path parameters as sent; undefined when the spec has none such. */
export function findOperation(
  method: string,
  path: string,
): { operation: Operation; pathParams: Record<string, string> } | undefined {
  for (const operation of all) {
    if (operation.method !== method) continue;
    const match = operation.pattern.exec(path);
    if (!match) continue;
    const pathParams: Record<string, string> = {};
    operation.pathParams.forEach((name, i) => {
      pathParams[name] = decodeURIComponent(match[i + 1] as string);
    });
    return { operation, pathParams };
  }
  return undefined;
}
