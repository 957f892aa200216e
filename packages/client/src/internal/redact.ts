// The API key must never leave the client in anything but the Authorization header. A server
// that echoes it (a proxy's error page, a debug endpoint, a header) would otherwise put it
// into an error's message, `.body` or `.headers`, and from there into logs.

const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie", "set-cookie"];

/** A response body with every occurrence of the API key replaced by `***`. */
export function redactKey<T>(body: T, apiKey: string | undefined): T {
  if (!apiKey || body === undefined || body === null) return body;
  if (typeof body === "string") return body.split(apiKey).join("***") as T;
  const text = JSON.stringify(body);
  return text.includes(apiKey) ? (JSON.parse(text.split(JSON.stringify(apiKey).slice(1, -1)).join("***")) as T) : body;
}

/** A copy of response headers with credentials, and the key wherever it appears, replaced by `***`. */
export function redactHeaders(headers: Headers, apiKey: string | undefined): Headers {
  const copy = new Headers();
  headers.forEach((value, name) => {
    copy.append(name, CREDENTIAL_HEADERS.includes(name) ? "***" : redactKey(value, apiKey));
  });
  return copy;
}
