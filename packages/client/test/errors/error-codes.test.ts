// One error vocabulary: every class has a stable code, ERROR_CODES maps each code to its
// class, and an error made by a call carries its code, attempts and request id.
import { describe, expect, it } from "vitest";
import { createDeepsetCloud, DeepsetCloudError, ERROR_CODES, type ErrorCode } from "../../src/index.js";
import { ADA, API_KEY, BASE_URL, json, mockFetch, ORG } from "../helpers/mock-fetch.js";

describe("ERROR_CODES", () => {
  it("names each class by the code its instances carry (and its static code)", () => {
    for (const [code, Class] of Object.entries(ERROR_CODES)) {
      expect((Class as unknown as { code: string }).code).toBe(code);
      expect(Class.prototype).toBeInstanceOf(DeepsetCloudError);
    }
  });

  it("has the vocabulary the CLI and the contract tests build on", () => {
    expect(Object.keys(ERROR_CODES).sort()).toEqual(
      [
        "aborted",
        "already_member",
        "api_error",
        "authentication",
        "connection",
        "invalid_request",
        "missing_api_key",
        "not_found",
        "payment_required",
        "permission_denied",
        "rate_limited",
        "response_too_large",
        "server",
        "signup_failed",
        "timeout",
        "unexpected_status",
        "unprocessable",
      ].sort(),
    );
  });

  it.each<[number, ErrorCode]>([
    [400, "api_error"],
    [401, "authentication"],
    [402, "payment_required"],
    [403, "permission_denied"],
    [404, "not_found"],
    [405, "api_error"],
    [409, "already_member"],
    [422, "unprocessable"],
    [500, "server"],
    [503, "signup_failed"],
  ])("a %i from a call is an error with code %s, its attempts and request id", async (status, code) => {
    const mock = mockFetch(() => json(status, { detail: "no" }, { "x-request-id": "req-1" }));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch, maxRetries: 0 });

    const error = (await dc.inviteUser(ORG, ADA).catch((e: unknown) => e)) as DeepsetCloudError;

    expect(error).toBeInstanceOf(ERROR_CODES[code]);
    expect(error.constructor).toBe(ERROR_CODES[code]);
    expect(error).toMatchObject({ code, attempts: 1, requestId: "req-1" });
  });
});
