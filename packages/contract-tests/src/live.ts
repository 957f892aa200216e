// `pnpm contract:live`: the contract checks against the real deepset Cloud API, opt-in.
//
// Prism runs in proxy mode (`prism proxy --errors`, in-process) in front of the real API, and
// the checks in live/ go through it: every real answer is validated against the spec (one that
// breaks it becomes a 500 naming the violation), invalid requests of every operation are refused
// by the client and by Prism before they can reach the API, and the CLI's `whoami` runs through it.
// Of the API itself it only reads: every GET of the spec that needs no parameter (`/me`, the workspaces).
//
// It contacts nothing unless DEEPSET_CLOUD_API_KEY is set; then only DEEPSET_CLOUD_API_URL (or,
// unset, the EU API). Without a key it says so and exits 0. It sends real invitations only when
// DCLOUD_LIVE_INVITE_EMAILS names addresses, and only to those addresses.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const EU_API_URL = "https://api.cloud.deepset.ai";

export interface LiveSettings {
  apiKey: string;
  /** The real API's origin (a trailing /api/v1 stripped). */
  apiUrl: string;
  /** From DEEPSET_CLOUD_ORGANIZATION_ID; otherwise the checks take /me's organization. */
  organizationId: string | undefined;
  /** DCLOUD_LIVE_INVITE_EMAILS, comma-separated: the only addresses that get a real invitation. */
  inviteEmails: string[];
  /** DCLOUD_LIVE_INVITE_ROLE, default member. */
  inviteRole: string;
}

/** The live settings from the environment, or null when there is no API key (the check is skipped). */
export function liveSettings(env: NodeJS.ProcessEnv = process.env): LiveSettings | null {
  const apiKey = env.DEEPSET_CLOUD_API_KEY?.trim();
  if (!apiKey) return null;
  const apiUrl = (env.DEEPSET_CLOUD_API_URL?.trim() || EU_API_URL).replace(/\/+$/, "").replace(/\/api\/v1$/, "");
  return {
    apiKey,
    apiUrl,
    organizationId: env.DEEPSET_CLOUD_ORGANIZATION_ID?.trim() || undefined,
    inviteEmails: (env.DCLOUD_LIVE_INVITE_EMAILS ?? "")
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean),
    inviteRole: env.DCLOUD_LIVE_INVITE_ROLE?.trim() || "member",
  };
}

function main(): number {
  const settings = liveSettings();
  if (!settings) {
    console.log(
      "contract:live skipped: DEEPSET_CLOUD_API_KEY is not set, so nothing was sent.\n" +
        "To check the real API against spec/openapi.yaml, set DEEPSET_CLOUD_API_KEY (and DEEPSET_CLOUD_API_URL for\n" +
        "a region other than EU, DEEPSET_CLOUD_ORGANIZATION_ID, and DCLOUD_LIVE_INVITE_EMAILS to also send real\n" +
        "invitations to those addresses), then run `pnpm contract:live` again.",
    );
    return 0;
  }
  console.log(`contract:live: checking ${settings.apiUrl} against the spec through a Prism proxy on 127.0.0.1.`);
  console.log(
    settings.inviteEmails.length
      ? `It will send real invitations to: ${settings.inviteEmails.join(", ")} (role ${settings.inviteRole}).`
      : "It sends no invitation (DCLOUD_LIVE_INVITE_EMAILS is not set): only read-only GETs (/me, the workspaces) and requests Prism refuses itself.",
  );
  const packageDir = fileURLToPath(new URL("..", import.meta.url));
  const require = createRequire(import.meta.url);
  const vitest = path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs");
  const result = spawnSync(process.execPath, [vitest, "run", "--config", "vitest.live.config.ts"], {
    cwd: packageDir,
    stdio: "inherit",
    env: { ...process.env, DCLOUD_CONTRACT_LIVE: "1" },
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exitCode = main();
}
