/**
 * Fills `{name}` in a URL with the value of that path parameter, percent-encoded
 * (encodeURIComponent, as openapi-fetch does). openapi-fetch's own serializer also handles
 * the label and matrix styles and exploded arrays, none of which the spec uses, at a cost on
 * every request that `pnpm bench` shows; the client's methods use this one.
 */
export function fillPathParams(url: string, params: Record<string, unknown>): string {
  return url.replace(/\{([^{}]+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? encodeURIComponent(String(params[name])) : placeholder,
  );
}
