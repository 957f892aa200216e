import { InvalidRequestError, MissingApiKeyError } from "../core/error.js";
import { PlainRequest } from "./plain-request.js";
import { userAgent } from "./user-agent.js";

/** What an API key may consist of: printable ASCII, no spaces (a token68-like header value). */
const SENDABLE_KEY = /^[\x21-\x7e]+$/;

export interface TransportFetchOptions {
  fetch: typeof globalThis.fetch;
  apiKey: string | undefined;
}

/**
 * The fetch that openapi-fetch calls, for our methods and for `dc.api` alike: it adds the
 * headers every request carries and refuses to send without a usable key. The key is only
 * ever put into the Authorization header.
 */
export function createTransportFetch({ fetch, apiKey }: TransportFetchOptions): typeof globalThis.fetch {
  const ua = userAgent();
  const addHeaders = (headers: Headers) => {
    headers.set("Authorization", `Bearer ${apiKey}`);
    headers.set("Accept", "application/json");
    headers.set("User-Agent", ua);
  };
  // Not async: it adds no await of its own to every request (its throws reach openapi-fetch's try all the same).
  return (input, init) => {
    if (!apiKey) throw new MissingApiKeyError();
    // fetch refuses such a header value with a message that quotes it, key and all.
    if (!SENDABLE_KEY.test(apiKey)) {
      throw new InvalidRequestError([
        { path: "apiKey", message: "contains whitespace, a line break or a non-ASCII character; it cannot be sent" },
      ]);
    }
    if (input instanceof PlainRequest) {
      // Built for this one call, so its headers are ours to add to.
      addHeaders(input.headers);
      const { method, headers, body, signal, redirect } = input;
      return fetch(input.url, { method, headers, body: body ?? null, signal: signal ?? null, ...(redirect ? { redirect } : {}) });
    }
    const request = new Request(input, init);
    addHeaders(request.headers);
    return fetch(request);
  };
}
