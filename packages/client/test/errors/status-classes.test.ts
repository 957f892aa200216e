import { describe, expect, it } from "vitest";
import {
  AlreadyMemberError,
  ApiError,
  AuthenticationError,
  createDeepsetCloud,
  DeepsetCloudError,
  NotFoundError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  SignupFailedError,
  UnprocessableEntityError,
} from "../../src/index.js";
import { ADA, API_KEY, BASE_URL, empty, json, mockFetch, ORG } from "../helpers/mock-fetch.js";

async function inviteAnswered(response: () => Response): Promise<unknown> {
  const mock = mockFetch(response);
  // One attempt: retries have tests of their own (test/retries).
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch, maxRetries: 0 });
  return dc.inviteUser(ORG, ADA).then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("a non-2xx answer to an invitation rejects with its class", () => {
  it.each([
    [400, ApiError],
    [401, AuthenticationError],
    [402, PaymentRequiredError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, AlreadyMemberError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, ServerError],
    [502, ServerError],
    [503, SignupFailedError],
    [504, ServerError],
  ])("%i → %o", async (status, Class) => {
    const error = await inviteAnswered(() => empty(status, { "x-request-id": `req-${status}` }));

    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(DeepsetCloudError);
    expect((error as Error).name).toBe(Class.name);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(status);
    expect(apiError.requestId).toBe(`req-${status}`);
    expect(apiError.attempts).toBe(1);
    expect(apiError.headers.get("x-request-id")).toBe(`req-${status}`);
  });

  it("an exact class is used only for its own status (a 400 is no subclass)", async () => {
    const error = await inviteAnswered(() => empty(400));
    expect(error).toBeInstanceOf(ApiError);
    for (const Sub of [AuthenticationError, PaymentRequiredError, AlreadyMemberError, ServerError]) {
      expect(error).not.toBeInstanceOf(Sub);
    }
  });
});

describe("error messages", () => {
  it("use the spec's description of the status when the body says nothing", async () => {
    const error = (await inviteAnswered(() => empty(402))) as PaymentRequiredError;
    expect(error.message).toBe(
      `402 from POST ${BASE_URL}/api/v1/organization/${ORG}/invitation: ` +
        "Inviting users is not available on the free plan. To invite team members, please upgrade to a paid plan.",
    );
  });

  it("put the body's own detail first", async () => {
    const error = (await inviteAnswered(() => json(409, { detail: "User exists" }))) as AlreadyMemberError;
    expect(error.message).toContain("User exists — The user already belongs to the organization.");
    expect(error.body).toEqual({ detail: "User exists" });
    expect(error.afterRetry).toBe(false);
  });

  it("keep a text body as the body", async () => {
    const error = (await inviteAnswered(
      () => new Response("upstream exploded", { status: 500, headers: { "content-type": "text/plain" } }),
    )) as ServerError;
    expect(error.body).toBe("upstream exploded");
    expect(error.message).toContain("upstream exploded");
  });

  it("a 422 exposes FastAPI's validation items as .detail and names their fields", async () => {
    const detail = [
      { loc: ["body", "email"], msg: "Field required", type: "missing" },
      { loc: ["body", "workspace_ids", 0], msg: "Input should be a valid UUID", type: "uuid_parsing" },
    ];
    const error = (await inviteAnswered(() => json(422, { detail }))) as UnprocessableEntityError;

    expect(error.detail).toEqual(detail);
    expect(error.message).toContain("body.email: Field required");
    expect(error.message).toContain("body.workspace_ids.0: Input should be a valid UUID");
  });

  it("a 422 without FastAPI items still has an empty .detail", async () => {
    const error = (await inviteAnswered(() => json(422, { detail: "bad" }))) as UnprocessableEntityError;
    expect(error.detail).toEqual([]);
    expect(error.message).toContain("bad");
  });
});
