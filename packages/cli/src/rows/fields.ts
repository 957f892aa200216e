// The fields a row of invitations has: the spec's, plus `workspaces` (names, which the run
// resolves to IDs). Input files name them in their header or keys, in any case.

/** The invitation's fields, in the spec's names. */
export const SPEC_FIELDS = ["email", "given_name", "family_name", "role", "workspace_ids"] as const;
export type SpecField = (typeof SPEC_FIELDS)[number];

/** Every field a row may have. */
export const FIELDS = [...SPEC_FIELDS, "workspaces"] as const;
export type Field = (typeof FIELDS)[number];

/** The fields a row cannot do without (`role` can come from --role instead). */
export const REQUIRED_FIELDS = ["email", "given_name", "family_name", "role"] as const;

/** The flag that gives each field for a single invitation, for messages about it. */
export const FLAG_OF_FIELD: Record<Field, string> = {
  email: "--email",
  given_name: "--given-name",
  family_name: "--family-name",
  role: "--role",
  workspace_ids: "--workspace-id",
  workspaces: "--workspace",
};
