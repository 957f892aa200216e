// The contract checks against the real API, through Prism in proxy mode with --errors: every
// real answer is validated against the spec by Prism (a violation turns it into a 500 naming
// it) and again by the suite's own checks. Run only by `pnpm contract:live` (src/live.ts),
// which refuses to start without DEEPSET_CLOUD_API_KEY.
//
// What it sends to the real API is read-only: every operation of the spec that is a GET without
// required parameters (`/me`, the workspaces), through its named method and `dc.api`, with and
// without a key. Invalid requests of every operation are refused by the client and by Prism
// before they reach it. Real invitations only to DCLOUD_LIVE_INVITE_EMAILS.

import { AlreadyMemberError, ApiError, createDeepsetCloud, PaymentRequiredError } from "@dcloud/client";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CheckTarget, OperationChecks } from "../src/checks.js";
import { cliIsBuilt, runCli } from "../src/cli.js";
import { liveSettings } from "../src/live.js";
import { type RunningPrism, startPrism } from "../src/prism.js";
import { recordingFetch } from "../src/recording-fetch.js";
import { type GeneratedRequest, invalidRequestKinds } from "../src/requests.js";
import { loadSpec, operationsOf } from "../src/spec.js";

const settings = liveSettings();
if (!settings || process.env.DCLOUD_CONTRACT_LIVE !== "1") {
  throw new Error("The live contract check runs through `pnpm contract:live` with DEEPSET_CLOUD_API_KEY set.");
}
const { apiKey, apiUrl, inviteEmails, inviteRole } = settings;
const operations = operationsOf(loadSpec());
/** Safe to send to the real API: reads that need no parameter. */
const readOnly = operations.filter((o) => o.method === "get" && !o.parameters.some((p) => p.required) && !o.body);
const invitation = operations.find(
  (o) => o.id === "invite_user_to_organization_api_v1_organization__organization_id__invitation_post",
)!;
/** Invalid requests per kind of defect: Prism refuses them before the API sees them, so this costs nothing. */
const INVALID_PER_KIND = 3;
const NO_INPUT: GeneratedRequest = { path: {}, query: {}, header: {} };

let proxy: RunningPrism;
const recorder = recordingFetch();
const target = (): CheckTarget => ({ baseUrl: proxy.url, apiKey, recorder });

beforeAll(async () => {
  proxy = await startPrism({ upstream: new URL(apiUrl) });
});
afterAll(async () => {
  await proxy?.close();
});

/** Fails with every problem; each names its operation and field. */
function expectNone(problems: string[], what: string): void {
  if (problems.length > 0) throw new Error(`${what}:\n${problems.join("\n")}`);
}

describe(`the real API at ${apiUrl}`, () => {
  it.each(readOnly.map((o) => [o.label, o] as const))(
    "%s: a documented success, conforming, through every route",
    async (label, operation) => {
      const checks = new OperationChecks(operation, target());
      for (const route of checks.routes(NO_INPUT)) expectNone(await checks.valid(NO_INPUT, route), label);
    },
  );

  it.each(readOnly.map((o) => [o.label, o] as const))(
    "ignored auth, %s: without a key the real API answers 401 or 403 (sent to it directly), and Prism 401",
    async (_label, operation) => {
      const direct = await fetch(`${apiUrl}${operation.path}`, { headers: { accept: "application/json" } });
      await direct.body?.cancel();
      expect([401, 403], `GET ${apiUrl}${operation.path} without a key answered ${direct.status}`).toContain(
        direct.status,
      );
      const viaPrism = await fetch(`${proxy.url}${operation.path}`);
      await viaPrism.body?.cancel();
      expect(viaPrism.status).toBe(401);
    },
  );

  it("the CLI's whoami works through the proxy (exit 0, the /me body on stdout)", async () => {
    if (!cliIsBuilt()) throw new Error("The CLI is not built: run `pnpm build` first");
    const run = await runCli(["whoami", "--json", "--api-url", proxy.url], {
      env: { DEEPSET_CLOUD_API_KEY: apiKey, NO_COLOR: "1" },
    });
    expect(run.stdout + run.stderr).not.toContain(apiKey);
    expect(run.code, `exit ${run.code}\n${run.stderr}`).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ organization: { organization_id: expect.any(String) } });
  });

  it(`negative data: invalid requests (${INVALID_PER_KIND} of each kind, every operation) are refused by the client and by Prism, never forwarded`, async () => {
    for (const operation of operations) {
      const checks = new OperationChecks(operation, target());
      for (const kind of invalidRequestKinds(operation)) {
        for (const request of fc.sample(kind.arbitrary, { seed: 1, numRuns: INVALID_PER_KIND })) {
          expectNone(
            await checks.invalid(kind, request, "api"),
            `${operation.label}, ${kind.kind}: ${JSON.stringify(request)}`,
          );
        }
      }
    }
  });

  const inviteIt = inviteEmails.length ? it : it.skip;
  inviteIt(
    `real invitations to ${inviteEmails.join(", ") || "(none: set DCLOUD_LIVE_INVITE_EMAILS)"}: the answers conform`,
    async () => {
      const dc = createDeepsetCloud({ apiKey, baseUrl: proxy.url, fetch: recorder.fetch, maxRetries: 0 });
      const organizationId = settings.organizationId ?? (await dc.getMe()).organization.organization_id;
      const checks = new OperationChecks(invitation, target());
      for (const email of inviteEmails) {
        const before = recorder.exchanges.length;
        const body = { email, given_name: "dcloud", family_name: "contract check", role: inviteRole };
        const outcome = await dc.inviteUser(organizationId, body).then(
          () => "invited (201)",
          (error: unknown) => {
            // 409 (already a member, e.g. on a second run) and 402 (free plan) are documented answers too.
            if (error instanceof AlreadyMemberError || error instanceof PaymentRequiredError)
              return `${error.name} (${error.status})`;
            if (error instanceof ApiError) return `unexpected ${error.status}`;
            throw error;
          },
        );
        const [exchange] = recorder.exchanges.slice(before);
        const answer = {
          status: exchange!.status,
          contentType: exchange!.contentType,
          body: await exchange!.responseBody,
        };
        const problems = [
          ...(exchange!.violations ? [`Prism: sl-violations: ${exchange!.violations}`] : []),
          ...checks.responses.check(invitation, answer),
        ];
        expectNone(problems, `POST invitation for ${email} → ${outcome}`);
        expect(outcome, email).not.toMatch(/^unexpected/);
        console.log(`${email}: ${outcome}`);
      }
    },
  );
});
