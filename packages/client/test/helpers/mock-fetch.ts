// Inject `fetch` instead of mocking modules (the openapi-fetch way): the client is called
// exactly as users call it, and each test sees the requests it really sent.

export interface SentRequest {
  method: string;
  url: string;
  headers: Headers;
  /** The body as text, or null when there was none. */
  body: string | null;
}

export type Responder = (request: SentRequest, index: number) => Response | Promise<Response>;

export interface MockFetch {
  fetch: typeof globalThis.fetch;
  requests: SentRequest[];
}

export function mockFetch(respond: Responder): MockFetch {
  const requests: SentRequest[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const sent: SentRequest = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body ? await request.text() : null,
    };
    requests.push(sent);
    return respond(sent, requests.length - 1);
  };
  return { fetch, requests };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function empty(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

export const API_KEY = "sk-test-0123456789abcdef";
export const BASE_URL = "https://api.example.test";
export const ORG = "5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

export const ADA = { email: "ada@example.com", given_name: "Ada", family_name: "Lovelace", role: "MEMBER" };
