// The text after each command's option list in --help: examples first, because that
// is what people scan --help for.
export const PROGRAM_HELP = `
Examples:
  $ dcloud whoami
  $ dcloud invite --email jane@example.com --given-name Jane --family-name Doe --role admin
  $ dcloud invite --email jane@example.com --given-name Jane --family-name Doe --role admin \\
      --workspace-id 3fa85f64-5717-4562-b3fc-2c963f66afa6 --json
  $ dcloud whoami --region us --api-key-file ~/.config/dcloud/key
  $ printf '%s' "$KEY" | dcloud whoami --api-key-file -

Settings (first found wins):
  API key       --api-key-file, DEEPSET_CLOUD_API_KEY, API_KEY in ~/.deepset-cloud/.env
  base URL      --api-url, --region, DEEPSET_CLOUD_API_URL, API_URL in ~/.deepset-cloud/.env, EU
  organization  --org, DEEPSET_CLOUD_ORGANIZATION_ID, the key's organization (GET /api/v1/me)

Exit codes:
  0 done (invited or already a member)   1 failed   2 usage or input error, nothing sent
  3 payment required (402)               4 authentication/permission (401/403) or no API key
`;

export const INVITE_HELP = `
Examples:
  $ dcloud invite --email jane@example.com --given-name Jane --family-name Doe --role admin
  $ dcloud invite --email jane@example.com --given-name Jane --family-name Doe --role admin \\
      --workspace-id 3fa85f64-5717-4562-b3fc-2c963f66afa6 --workspace-id 9b2d1e0c-4f7a-4c3e-8d51-0a6b2c7e9f10
  $ dcloud invite --org 0f1e2d3c-... --email jane@example.com --given-name Jane --family-name Doe --role admin --json

A user who is already a member is not an error (exit 0), so a re-run is safe.
`;

export const WHOAMI_HELP = `
Examples:
  $ dcloud whoami
  $ dcloud whoami --json
  $ printf '%s' "$KEY" | dcloud whoami --api-key-file -
`;
