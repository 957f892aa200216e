/**
 * A response body with every occurrence of the API key replaced by `***`. A server that
 * echoes the Authorization header back (a proxy's error page, a debug endpoint) would
 * otherwise put the key into an error's message and `.body`, and from there into logs.
 */
export function redactKey<T>(body: T, apiKey: string | undefined): T {
  if (!apiKey || body === undefined || body === null) return body;
  if (typeof body === "string") return body.split(apiKey).join("***") as T;
  const text = JSON.stringify(body);
  return text.includes(apiKey) ? (JSON.parse(text.split(JSON.stringify(apiKey).slice(1, -1)).join("***")) as T) : body;
}
