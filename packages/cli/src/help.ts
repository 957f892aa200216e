// The text after each command's option list in --help: examples first, because that
// is what people scan --help for.
export const PROGRAM_HELP = `
Examples:
  $ dcloud whoami
  $ dcloud workspaces
  $ dcloud invite --email jane@example.com --given-name Jane --family-name Doe --role admin
  $ dcloud invite --email jane@example.com --given-name Jane --family-name Doe --role member \\
      --workspace marketing --json
  $ dcloud invite --file people.csv --role member --report invites.jsonl
  $ dcloud whoami --region us --api-key-file ~/.config/dcloud/key
  $ printf '%s' "$KEY" | dcloud whoami --api-key-file -

Settings (first found wins):
  API key       --api-key-file, DEEPSET_CLOUD_API_KEY, API_KEY in ~/.deepset-cloud/.env
  base URL      --api-url, --region, DEEPSET_CLOUD_API_URL, API_URL in ~/.deepset-cloud/.env, EU
  organization  --org, DEEPSET_CLOUD_ORGANIZATION_ID, the key's organization (GET /api/v1/me)
  network       HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case); NODE_EXTRA_CA_CERTS for a company CA

Exit codes:
  0 done (invited or already a member)   1 failed   2 usage or input error, or not confirmed: nothing sent
  3 payment required (402)               4 authentication/permission (401/403) or no API key
  130 interrupted (Ctrl-C)
`;

export const INVITE_HELP = `
Examples:
  $ dcloud invite --email jane@example.com --given-name Jane --family-name Doe --role admin
  $ dcloud invite --email jane@example.com --given-name Jane --family-name Doe --role member \\
      --workspace marketing --workspace-id 9b2d1e0c-4f7a-4c3e-8d51-0a6b2c7e9f10
  $ dcloud invite --org 0f1e2d3c-... --email jane@example.com --given-name Jane --family-name Doe --role admin --json
  $ dcloud invite --file people.csv --role member --report invites.jsonl
  $ dcloud invite --file people.csv --role member --report invites.jsonl --resume
  $ dcloud invite --file people.jsonl --dry-run
  $ hr-export | dcloud invite --file - --role member --concurrency 8 --json > result.json

--file takes CSV with a header row naming the columns email, given_name, family_name, role,
workspace_ids and workspaces (any case; delimiter , or ; or tab; workspace_ids and workspaces
separated by ";"), or JSON Lines (.jsonl, .ndjson) with the same fields (lists as arrays).
The role is sent as typed: a default role (admin, member, …) or a custom role's name.
Workspaces given by name are resolved with \`dcloud workspaces\`'s list, once per run.
Every row is checked before the first request; any invalid row stops the run with exit 2
and nothing sent, unless --skip-invalid. On a terminal a file run asks before sending
(--yes skips the question). A 402 or 401/403 stops a run; Ctrl-C lets the requests in flight
finish (up to 5 s) and exits 130; --resume then skips the rows the report has as done.

A user who is already a member is not an error (exit 0), so a re-run is safe.
`;

export const WHOAMI_HELP = `
Examples:
  $ dcloud whoami
  $ dcloud whoami --json
  $ printf '%s' "$KEY" | dcloud whoami --api-key-file -
`;

export const WORKSPACES_HELP = `
Examples:
  $ dcloud workspaces
  $ dcloud workspaces --json

Their names are what \`dcloud invite --workspace NAME\` and a file's workspaces column take.
`;
