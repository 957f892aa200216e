// The contract checks against the real API, through Prism in proxy mode with --errors: every
// real answer is validated against the spec by Prism (a violation turns it into a 500 naming
// it) and again by the suite's own checker. Run only by `pnpm contract:live` (src/live.ts),
// which refuses to start without DEEPSET_CLOUD_API_KEY.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { AlreadyMemberError, ApiError, createDeepsetCloud, PaymentRequiredError } from "@dcloud/client";
import { invalidBodyKinds } from "../src/bodies.js";
import { BodyChecks } from "../src/checks.js";
import { cliIsBuilt, runCli } from "../src/cli.js";
import { liveSettings } from "../src/live.js";
import { startPrism, type RunningPrism } from "../src/prism.js";
import { INVITE_PATH, loadSpec, ME_PATH, requestBodySchema, ResponseChecker } from "../src/spec.js";
import { recordingFetch } from "../test/helpers/recording-fetch.js";

const settings = liveSettings();
if (!settings || process.env.DCLOUD_CONTRACT_LIVE !== "1") {
  throw new Error("The live contract check runs through `pnpm contract:live` with DEEPSET_CLOUD_API_KEY set.");
}
const { apiKey, apiUrl, inviteEmails, inviteRole } = settings;
const spec = loadSpec();
const checker = new ResponseChecker(spec);
/** Invalid bodies per kind of defect: Prism refuses them before the API sees them, so this costs nothing. */
const INVALID_PER_KIND = 3;

let proxy: RunningPrism;
let organizationId: string;
const recorder = recordingFetch();

beforeAll(async () => {
  proxy = await startPrism({ upstream: new URL(apiUrl) });
});
afterAll(async () => {
  await proxy?.close();
});

/** Fails with every problem; each names its field. */
function expectNone(problems: string[], what: string): void {
  if (problems.length > 0) throw new Error(`${what}:\n${problems.join("\n")}`);
}

/** A real exchange's problems: Prism's violations (sl-violations, or its --errors 500) and the checker's. */
async function problemsOf(method: string, path: string, exchange: (typeof recorder.exchanges)[number]): Promise<string[]> {
  const body = await exchange.responseBody;
  const problems: string[] = [];
  if (exchange.violations) problems.push(`Prism: sl-violations: ${exchange.violations}`);
  if (exchange.status === 500 && body.includes("VIOLATIONS")) problems.push(`Prism --errors: the real answer breaks the spec: ${body}`);
  else problems.push(...checker.check(method, path, { status: exchange.status, contentType: exchange.contentType, body }));
  return problems;
}

describe(`the real API at ${apiUrl}`, () => {
  it("GET /api/v1/me: 200, and the body conforms to the spec", async () => {
    const dc = createDeepsetCloud({ apiKey, baseUrl: proxy.url, fetch: recorder.fetch, maxRetries: 0 });
    const before = recorder.exchanges.length;
    const me = await dc.getMe().catch(async (error: unknown) => {
      const exchange = recorder.exchanges[before];
      throw new Error(`${String(error)}\n${exchange ? (await problemsOf("get", ME_PATH, exchange)).join("\n") : ""}`);
    });
    const [exchange] = recorder.exchanges.slice(before);
    expect(exchange?.status).toBe(200);
    expectNone(await problemsOf("get", ME_PATH, exchange!), "GET /api/v1/me");
    organizationId = settings.organizationId ?? me.organization.organization_id;
  });

  it("ignored auth: without a key the real API answers 401 or 403 (sent to it directly), and Prism 401", async () => {
    const direct = await fetch(`${apiUrl}${ME_PATH}`, { headers: { accept: "application/json" } });
    await direct.body?.cancel();
    expect([401, 403], `GET ${apiUrl}${ME_PATH} without a key answered ${direct.status}`).toContain(direct.status);
    const viaPrism = await fetch(`${proxy.url}${ME_PATH}`);
    await viaPrism.body?.cancel();
    expect(viaPrism.status).toBe(401);
  });

  it("the CLI's whoami works through the proxy (exit 0, the /me body on stdout)", async () => {
    if (!cliIsBuilt()) throw new Error("The CLI is not built: run `pnpm build` first");
    const run = await runCli(["whoami", "--json", "--api-url", proxy.url], { env: { DEEPSET_CLOUD_API_KEY: apiKey, NO_COLOR: "1" } });
    expect(run.stdout + run.stderr).not.toContain(apiKey);
    expect(run.code, `exit ${run.code}\n${run.stderr}`).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ organization: { organization_id: expect.any(String) } });
  });

  it(`negative data: invalid bodies (${INVALID_PER_KIND} of each kind) are refused by the client and by Prism, never forwarded`, async () => {
    const checks = new BodyChecks(spec, { baseUrl: proxy.url, apiKey, organizationId, fetch: recorder.fetch, exchanges: recorder.exchanges });
    for (const { kind, arbitrary } of invalidBodyKinds(requestBodySchema(spec, "post", INVITE_PATH))) {
      for (const { body } of fc.sample(arbitrary, { seed: 1, numRuns: INVALID_PER_KIND })) {
        expectNone(await checks.invalid(body, { prism: "proxy" }), `${kind}: ${JSON.stringify(body)}`);
      }
    }
  });

  const inviteIt = inviteEmails.length ? it : it.skip;
  inviteIt(`real invitations to ${inviteEmails.join(", ") || "(none: set DCLOUD_LIVE_INVITE_EMAILS)"}: the answers conform`, async () => {
    const dc = createDeepsetCloud({ apiKey, baseUrl: proxy.url, fetch: recorder.fetch, maxRetries: 0 });
    for (const email of inviteEmails) {
      const before = recorder.exchanges.length;
      const invitation = { email, given_name: "dcloud", family_name: "contract check", role: inviteRole };
      const outcome = await dc.inviteUser(organizationId, invitation).then(
        () => "invited (201)",
        (error: unknown) => {
          // 409 (already a member, e.g. on a second run) and 402 (free plan) are documented answers too.
          if (error instanceof AlreadyMemberError || error instanceof PaymentRequiredError) return `${error.name} (${error.status})`;
          if (error instanceof ApiError) return `unexpected ${error.status}`;
          throw error;
        },
      );
      const [exchange] = recorder.exchanges.slice(before);
      expectNone(await problemsOf("post", INVITE_PATH, exchange!), `POST invitation for ${email} → ${outcome}`);
      expect(outcome, email).not.toMatch(/^unexpected/);
      console.log(`${email}: ${outcome}`);
    }
  });
});
