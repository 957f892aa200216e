// The API key must never leave the client in anything but the Authorization header. A server
// that echoes it (a proxy's error page, a debug endpoint, a header) would otherwise put it
// into an error's message, `.body` or `.headers`, and from there into logs. It may come back
// as sent, JSON-escaped (a key with `"` or `\`), or percent-encoded (in a URL it quotes).

const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);

/** Replaces every form of one key in a text by `***`. */
export type Redactor = (text: string) => string;

const keep: Redactor = (text) => text;

/**
 * A redactor for `apiKey`: as is, JSON-escaped (also with `\/`), and percent-encoded with hex
 * digits in either case (in every form, so a key that holds `%2F` also hides as `%2f`).
 */
export function redactorFor(apiKey: string | undefined): Redactor {
  if (!apiKey) return keep;
  const escaped = JSON.stringify(apiKey).slice(1, -1);
  const alternatives = [apiKey, escaped, escaped.replaceAll("/", "\\/"), encodeURIComponent(apiKey)]
    .map((form) =>
      form.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/%([0-9A-F])([0-9A-F])/g, (_, high: string, low: string) => {
        return `%[${high}${high.toLowerCase()}][${low}${low.toLowerCase()}]`;
      }),
    )
    // Longest first, so that a form that contains another is replaced whole.
    .sort((a, b) => b.length - a.length);
  const pattern = new RegExp(alternatives.join("|"), "g");
  return (text) => text.replace(pattern, "***");
}

/** A copy of response headers with credentials, and the key wherever it appears, replaced by `***`. */
export function redactHeaders(headers: Headers, redact: Redactor): Headers {
  const copy = new Headers();
  headers.forEach((value, name) => {
    copy.append(name, CREDENTIAL_HEADERS.has(name) ? "***" : redact(value));
  });
  return copy;
}
