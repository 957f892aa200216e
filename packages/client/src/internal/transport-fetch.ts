import type { Logger } from "../core/logger.js";
import { InvalidRequestError, MissingApiKeyError } from "../core/error.js";
import { userAgent } from "./user-agent.js";

/**
 * The request each response answered. openapi-fetch hands back only the response, and a
 * response from a custom fetch may have no `url`; errors name the request they belong to.
 */
const requestOfResponse = new WeakMap<Response, Request>();

export function requestOf(response: Response): Request | undefined {
  return requestOfResponse.get(response);
}

/** What an API key may consist of: printable ASCII, no spaces (a token68-like header value). */
const SENDABLE_KEY = /^[\x21-\x7e]+$/;

export interface TransportFetchOptions {
  fetch: typeof globalThis.fetch;
  apiKey: string | undefined;
  logger: Logger | undefined;
}

/**
 * The fetch that openapi-fetch calls, for our methods and for `dc.api` alike: it adds the
 * headers every request carries, refuses to send without a key, and logs one line per
 * request. The key is only ever put into the Authorization header, never into a log line.
 */
export function createTransportFetch({ fetch, apiKey, logger }: TransportFetchOptions): typeof globalThis.fetch {
  const ua = userAgent();
  return async (input, init) => {
    if (!apiKey) throw new MissingApiKeyError();
    // fetch refuses such a header value with a message that quotes it, key and all.
    if (!SENDABLE_KEY.test(apiKey)) {
      throw new InvalidRequestError([
        { path: "apiKey", message: "contains whitespace, a line break or a non-ASCII character; it cannot be sent" },
      ]);
    }
    const request = new Request(input, init);
    request.headers.set("Authorization", `Bearer ${apiKey}`);
    request.headers.set("Accept", "application/json");
    request.headers.set("User-Agent", ua);
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(request);
    } catch (error) {
      logger?.debug(`${request.method} ${request.url} → no response (${Math.round(performance.now() - started)} ms)`);
      throw error;
    }
    const requestId = response.headers.get("x-request-id");
    logger?.debug(
      `${request.method} ${request.url} → ${response.status} (${Math.round(performance.now() - started)} ms` +
        `${requestId ? `, request id ${requestId}` : ""})`,
    );
    requestOfResponse.set(response, request);
    return response;
  };
}
