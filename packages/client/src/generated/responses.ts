// The description the spec gives each response status, by operationId.
// Generated from spec/openapi.yaml by `pnpm generate`. Do not edit by hand.

export const responseDescriptions = {
  "invite_user_to_organization_api_v1_organization__organization_id__invitation_post": {
    "201": "The user has been invited to the organization.",
    "402": "Inviting users is not available on the free plan. To invite team members, please upgrade to a paid plan.",
    "409": "The user already belongs to the organization.",
    "422": "Validation Error",
    "503": "Something went wrong during signup."
  },
  "read_users_me_api_v1_me_get": {
    "200": "The user the API key belongs to."
  }
} as const satisfies Record<string, Record<number, string>>;
