// The real @dcloud/client against a Prism mock of spec/openapi.yaml. Prism checks every
// request the client sends (and every answer it gives) against the spec and reports any
// violation in an `sl-violations` header; these tests assert there are none, and that each
// status the spec documents reaches the caller as the error class the client's README names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AlreadyMemberError,
  ApiError,
  createDeepsetCloud,
  DeepsetCloudError,
  MissingApiKeyError,
  PaymentRequiredError,
  SignupFailedError,
  UnprocessableEntityError,
  type ClientOptions,
  type UserInvitation,
} from "@dcloud/client";
import { startPrism, type RunningPrism } from "../src/prism.js";
import { startPreferProxy, type PreferProxy } from "../src/prefer-proxy.js";
import { recordingFetch, type RecordedExchange } from "./helpers/recording-fetch.js";

const API_KEY = "contract-test-key";
const ORG = "5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const ADA: UserInvitation = { email: "ada@example.com", given_name: "Ada", family_name: "Lovelace", role: "MEMBER" };
const WORKSPACES = ["3fa85f64-5717-4562-b3fc-2c963f66afa6", "9b2d1c4e-8f7a-4b6c-a1d2-e3f4a5b6c7d8"];
const FORCED = [402, 409, 422, 503] as const;

let prism: RunningPrism;
/** Forwards unchanged; counts requests and records Prism's answers. */
let plain: PreferProxy;
/** One proxy per forced status, each adding `Prefer: code=<status>`. */
const forced = new Map<number, PreferProxy>();
/** Every exchange any client in this file made, for the check that none broke the spec. */
const allExchanges: RecordedExchange[] = [];

beforeAll(async () => {
  prism = await startPrism();
  plain = await startPreferProxy(prism.url);
  for (const code of FORCED) forced.set(code, await startPreferProxy(prism.url, code));
});

afterAll(async () => {
  await Promise.all([plain?.close(), ...[...forced.values()].map((p) => p.close())]);
  await prism?.close();
});

/** A client that talks to `baseUrl` through a recording fetch. */
function client(baseUrl: string, options: ClientOptions = {}) {
  const recorder = recordingFetch();
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl, fetch: recorder.fetch, ...options });
  return { dc, exchanges: recorder.exchanges, done: () => allExchanges.push(...recorder.exchanges) };
}

function expectNoViolations(exchanges: readonly { violations: string | null | undefined }[]) {
  expect(exchanges.length).toBeGreaterThan(0);
  for (const exchange of exchanges) expect(exchange.violations ?? null).toBeNull();
}

/** The proxy's exchanges from index `from` on. */
function since(proxy: PreferProxy, from: number) {
  return proxy.exchanges.slice(from);
}

describe("inviteUser", () => {
  it("resolves { status: 201, attempts: 1 } for a valid invitation without workspace_ids", async () => {
    const { dc, exchanges, done } = client(plain.url);
    const before = plain.requests;
    await expect(dc.inviteUser(ORG, ADA)).resolves.toEqual({ status: 201, attempts: 1 });
    done();

    expect(plain.requests - before).toBe(1);
    expect(exchanges).toHaveLength(1);
    const [sent] = exchanges;
    expect(sent?.method).toBe("POST");
    expect(new URL(sent!.url).pathname).toBe(`/api/v1/organization/${ORG}/invitation`);
    expect(sent?.headers.get("authorization")).toBe(`Bearer ${API_KEY}`);
    expect(sent?.headers.get("accept")).toBe("application/json");
    expect(sent?.headers.get("user-agent")).toMatch(/^dcloud-client\/\S+ node\/\S+/);
    const body = JSON.parse(sent!.body ?? "null") as Record<string, unknown>;
    expect(body).toMatchObject(ADA);
    expect(body.workspace_ids ?? []).toEqual([]);
    expect(sent?.status).toBe(201);
    expectNoViolations(exchanges);
    expectNoViolations(since(plain, plain.exchanges.length - 1));
  });

  it("resolves { status: 201, attempts: 1 } with workspace_ids, and sends them", async () => {
    const { dc, exchanges, done } = client(plain.url);
    const before = plain.requests;
    await expect(dc.inviteUser(ORG, { ...ADA, workspace_ids: WORKSPACES })).resolves.toEqual({
      status: 201,
      attempts: 1,
    });
    done();

    expect(plain.requests - before).toBe(1);
    expect(JSON.parse(exchanges[0]?.body ?? "null")).toEqual({ ...ADA, workspace_ids: WORKSPACES });
    expectNoViolations(exchanges);
    expectNoViolations(since(plain, before));
  });

  const expected = {
    402: PaymentRequiredError,
    409: AlreadyMemberError,
    422: UnprocessableEntityError,
    503: SignupFailedError,
  } as const;

  it.each(FORCED)("a forced %i rejects with its error class, after exactly one request", async (code) => {
    const proxy = forced.get(code)!;
    const before = proxy.requests;
    // No retries, so a 503 is one request rather than three with back-off between them.
    const { dc, exchanges, done } = client(proxy.url, { maxRetries: 0 });
    const error: unknown = await dc.inviteUser(ORG, ADA).then(
      (result) => {
        throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
      },
      (e: unknown) => e,
    );
    done();

    expect(error).toBeInstanceOf(expected[code]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(DeepsetCloudError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(code);
    expect(apiError.attempts).toBe(1);
    expect(apiError.message).not.toContain(API_KEY);
    if (apiError instanceof AlreadyMemberError) expect(apiError.afterRetry).toBe(false);
    if (apiError instanceof UnprocessableEntityError) {
      // The spec's 422 example, parsed into `.detail`.
      expect(apiError.detail).toEqual([
        expect.objectContaining({ loc: ["body", "email"], msg: "Field required", type: "missing" }),
      ]);
    }

    expect(proxy.requests - before).toBe(1);
    expect(exchanges.map((e) => e.status)).toEqual([code]);
    expectNoViolations(exchanges);
    expectNoViolations(since(proxy, before));
  });
});

describe("getMe", () => {
  it("resolves the /me body with organization.organization_id", async () => {
    const { dc, exchanges, done } = client(plain.url);
    const me = await dc.getMe();
    done();

    expect(me.organization.organization_id).toBe(ORG);
    expect(me).toMatchObject({ email: "ada@example.com", organization: { name: expect.any(String) } });
    expect(exchanges.map((e) => [e.method, new URL(e.url).pathname])).toEqual([["GET", "/api/v1/me"]]);
    expectNoViolations(exchanges);
  });
});

describe("a missing API key", () => {
  it("rejects with MissingApiKeyError and nothing reaches Prism", async () => {
    const saved = process.env.DEEPSET_CLOUD_API_KEY;
    delete process.env.DEEPSET_CLOUD_API_KEY;
    try {
      const before = plain.requests;
      const recorder = recordingFetch();
      const dc = createDeepsetCloud({ baseUrl: plain.url, fetch: recorder.fetch });
      await expect(dc.inviteUser(ORG, ADA)).rejects.toBeInstanceOf(MissingApiKeyError);
      await expect(dc.getMe()).rejects.toBeInstanceOf(MissingApiKeyError);
      expect(recorder.exchanges).toHaveLength(0);
      expect(plain.requests - before).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.DEEPSET_CLOUD_API_KEY;
      else process.env.DEEPSET_CLOUD_API_KEY = saved;
    }
  });
});

describe("the violation recording itself", () => {
  // Without this, "no sl-violations header" could pass because the header is never seen.
  it("sees Prism's sl-violations header on an invalid raw request, in the fetch recorder and in the proxy", async () => {
    const recorder = recordingFetch();
    const before = plain.exchanges.length;
    const response = await recorder.fetch(`${plain.url}/api/v1/organization/${ORG}/invitation`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      // No email, and a workspace ID that is not a UUID.
      body: JSON.stringify({ given_name: "Ada", family_name: "Lovelace", role: "MEMBER", workspace_ids: ["nope"] }),
    });
    await response.body?.cancel();

    expect(response.status).toBe(422);
    expect(recorder.exchanges).toHaveLength(1);
    const violations = recorder.exchanges[0]?.violations ?? "";
    expect(violations).toContain("email");
    expect(violations).toContain("uuid");
    const proxied = since(plain, before);
    expect(proxied).toHaveLength(1);
    expect(proxied[0]?.violations).toBe(violations);
  });

  it("Prism enforces the bearer scheme: no Authorization header gets a 401", async () => {
    const response = await fetch(`${prism.url}/api/v1/me`);
    await response.body?.cancel();
    expect(response.status).toBe(401);
  });

  // Schemathesis' "ignored auth" check: a request without valid credentials must be refused.
  // The client never sends one (above); sent raw, Prism refuses it, even with a valid body.
  it.each([
    ["no Authorization header", undefined],
    ["a Basic instead of a Bearer credential", `Basic ${Buffer.from("user:pass").toString("base64")}`],
  ])("a raw invitation with %s gets 401 from Prism", async (_name, authorization) => {
    const response = await fetch(`${prism.url}/api/v1/organization/${ORG}/invitation`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(ADA),
    });
    await response.body?.cancel();
    expect(response.status).toBe(401);
  });

  it("no request any client in this file sent produced an sl-violations header", () => {
    // Runs last in this file (vitest runs a file's tests in order); the tests above also check their own.
    expect(allExchanges.length).toBeGreaterThanOrEqual(2 + FORCED.length + 1);
    expectNoViolations(allExchanges);
  });
});
