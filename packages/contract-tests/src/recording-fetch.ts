// A fetch to inject into the client: it passes each request on to the real fetch and
// records what was sent and Prism's `sl-violations` answer header, so a test can assert
// that nothing the client sent (and nothing Prism answered) broke the spec.

export interface RecordedExchange {
  method: string;
  url: string;
  headers: Headers;
  /** The request body as text, or null when there was none. */
  body: string | null;
  status: number;
  /** Prism's `sl-violations` header, or null when the exchange broke no rule of the spec. */
  violations: string | null;
  /** The response's content type, or null. */
  contentType: string | null;
  /** The response body as text (read from a clone, so the caller still reads the original). */
  responseBody: Promise<string>;
}

export interface RecordingFetch {
  fetch: typeof globalThis.fetch;
  exchanges: RecordedExchange[];
}

export function recordingFetch(): RecordingFetch {
  const exchanges: RecordedExchange[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? await request.clone().text() : null;
    const response = await globalThis.fetch(request);
    exchanges.push({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body,
      status: response.status,
      violations: response.headers.get("sl-violations"),
      contentType: response.headers.get("content-type"),
      // A read error (the caller cancelled the body) leaves "" rather than an unhandled rejection.
      responseBody: response
        .clone()
        .text()
        .catch(() => ""),
    });
    return response;
  };
  return { fetch, exchanges };
}
