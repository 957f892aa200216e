import { describe, expect, it } from "vitest";
import { createDeepsetCloud, InvalidRequestError } from "../../src/index.js";
import { ADA, API_KEY, BASE_URL, json, mockFetch } from "../helpers/mock-fetch.js";

function client() {
  const mock = mockFetch(() => json(201, {}));
  return { mock, dc: createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch }) };
}

describe("organization ID", () => {
  it.each(["", ".", ".."])("refuses %j and sends nothing", async (organizationId) => {
    const { mock, dc } = client();

    const error = await dc.inviteUser(organizationId, ADA).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).issues).toEqual([{ path: "organization_id", message: expect.any(String) }]);
    expect(mock.requests).toHaveLength(0);
  });

  it("refuses a value that is not a string (JavaScript callers)", async () => {
    const { mock, dc } = client();
    await expect(dc.inviteUser(undefined as unknown as string, ADA)).rejects.toBeInstanceOf(InvalidRequestError);
    expect(mock.requests).toHaveLength(0);
  });

  it.each([
    ["a/b", "a%2Fb"],
    ["a?b", "a%3Fb"],
    ["a#b", "a%23b"],
    ["100%", "100%25"],
    ["../me", "..%2Fme"],
    ["...", "..."],
    ["a b", "a%20b"],
    // Only empty, "." and ".." change the URL; anything else, blanks too, is sent encoded.
    ["   ", "%20%20%20"],
  ])("percent-encodes %j so it stays one path segment", async (organizationId, encoded) => {
    const { mock, dc } = client();

    await dc.inviteUser(organizationId, ADA);

    expect(mock.requests[0]?.url).toBe(`${BASE_URL}/api/v1/organization/${encoded}/invitation`);
  });
});
