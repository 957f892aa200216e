// The request object openapi-fetch builds (its `Request` option): a plain record of what it
// serialized — URL, method, headers, body as text — instead of a WHATWG Request, whose body
// stream, signal plumbing and cloning the transport would only undo to read them back.
// openapi-fetch's `onRequest` middleware, which knows the schema path, tells it its operation.
import type { Middleware } from "openapi-fetch";
import { type Operation, operationFor } from "./operations.js";

export class OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** The body as openapi-fetch's body serializer produced it (JSON text for this API), or null. */
  readonly body: NonNullable<RequestInit["body"]> | null;
  readonly signal: AbortSignal | undefined;
  /** The spec's operation; undefined for a path the spec does not have. */
  operation: Operation | undefined;
  /** The path parameters as given, before encoding. */
  pathParams: Readonly<Record<string, unknown>> = {};

  constructor(url: string | URL, init: RequestInit = {}) {
    this.url = String(url);
    this.method = init.method ?? "GET";
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.signal = init.signal ?? undefined;
  }
}

/** Names the request's operation: the one middleware the client installs. */
export const nameOperation: Middleware = {
  onRequest({ request, schemaPath, params }) {
    const outgoing = request as unknown as OutgoingRequest;
    if (!(outgoing instanceof OutgoingRequest)) return;
    outgoing.operation = operationFor(outgoing.method, schemaPath);
    outgoing.pathParams = (params as { path?: Record<string, unknown> }).path ?? {};
  },
};
