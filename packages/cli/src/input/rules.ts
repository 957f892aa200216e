// What an invitation's fields must look like before dcloud sends them, shared by the
// single-user flags and the rows of a file. The spec's own rules (required strings, UUID
// workspace IDs) are checked again by the client's generated validators; these add what
// can never succeed (an empty name, an address without "@") and say it in the user's terms.

// Deliberately loose: one "@" with something on each side and no spaces. Stricter email
// grammars reject addresses real mail servers accept.
export const EMAIL = /^[^\s@]+@[^\s@]+$/;
// The spec gives workspace_ids the format "uuid".
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The invitation's fields, in the spec's names and order. */
export const FIELDS = ["email", "given_name", "family_name", "role", "workspace_ids"] as const;
export type Field = (typeof FIELDS)[number];
