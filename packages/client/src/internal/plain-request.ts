/**
 * What openapi-fetch builds for each of the client's own calls, in place of a real Request.
 * A real Request turns the string body into a stream, and fetch(request) then pays for
 * reading it back: on loopback that is about half again the cost of a bare fetch(url, init)
 * (measured by bench/invite-overhead.bench.mjs), more than all the rest of the client. This
 * keeps the URL and init as openapi-fetch made them; the transport hands them to
 * fetch(url, init). Requests made through `dc.api` still get real Requests, so their
 * middleware sees what openapi-fetch documents.
 */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit["body"];
  readonly signal: AbortSignal | null | undefined;
  readonly redirect: RequestInit["redirect"];

  constructor(url: string | URL, init: RequestInit = {}) {
    this.url = String(url);
    this.method = init.method ?? "GET";
    // openapi-fetch merges a fresh Headers for every request; copying it again would cost for nothing.
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body;
    this.signal = init.signal;
    this.redirect = init.redirect;
  }
}
