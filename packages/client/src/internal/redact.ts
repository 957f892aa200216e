/** Replaces every occurrence of the API key in a text, so no message or log line can leak it. */
export function redactKey(text: string, apiKey: string | undefined): string {
  return apiKey ? text.split(apiKey).join("***") : text;
}
