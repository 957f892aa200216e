// The spec's operations as the transport sees them. openapi-fetch knows which operation a
// request is for (its schema path); the transport is told it, and learns from it what counts
// as success and how to check the request.
import { operations, type Validator } from "../generated/operations.js";

export type { Validator };

export interface Operation {
  operationId: OperationId;
  method: string;
  path: string;
  pathParams: readonly string[];
  headerParams: readonly string[];
  success: readonly number[];
  /** The spec's description of each documented status. */
  responses: Readonly<Record<string, string>>;
  validateParameters: Validator | undefined;
  body: { required: boolean; validate: Validator } | undefined;
}

export type OperationId = keyof typeof operations;

const byRoute = new Map<string, Operation>(
  Object.entries(operations).map(([operationId, facts]) => [
    `${facts.method} ${facts.path}`,
    { operationId: operationId as OperationId, ...(facts as Omit<Operation, "operationId">) },
  ]),
);

/** The operation of a method and schema path (`/api/v1/organization/{organization_id}/invitation`); undefined when the spec has none such. */
export function operationFor(method: string, schemaPath: string): Operation | undefined {
  return byRoute.get(`${method} ${schemaPath}`);
}
