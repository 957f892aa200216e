// What a row's fields must look like before dcloud sends them. The spec's own rules
// (required strings, UUID workspace IDs) are checked again by the client's generated
// validators; these add what can never succeed, and say it in the user's terms.

/**
 * HTML's "valid e-mail address" (what `<input type=email>` accepts): a local part of letters,
 * digits and .!#$%&'*+/=?^_`{|}~-, one "@", and a domain of dot-separated labels of letters,
 * digits and inner hyphens; non-ASCII letters (and their combining marks) are allowed in both.
 */
export const EMAIL =
  /^[\p{L}\p{M}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?(?:\.[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?)*$/u;

// The spec gives workspace_ids the format "uuid".
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** C0 and C1 control characters and DEL: a line break or an escape sequence has no place in a name or an address. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's whole job.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** The first control character of `text`, as U+XXXX, or undefined. */
export function controlCharacterIn(text: string): string | undefined {
  const found = CONTROL.exec(text)?.[0];
  return found === undefined ? undefined : `U+${found.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}`;
}
