import { describe, expect, it } from "vitest";
import { AuthenticationError, createDeepsetCloud, DeepsetCloudError, ServerError } from "../../src/index.js";
import { API_KEY, BASE_URL, json, mockFetch, ORG } from "../helpers/mock-fetch.js";

const ME = {
  user_id: "0f4c6a52-1c9e-4b6b-9a0e-6f0f5b1f9c2d",
  given_name: "Ada",
  family_name: "Lovelace",
  email: "ada@example.com",
  organization: { organization_id: ORG, name: "Analytical Engines Ltd" },
  // The live API may carry fields the spec does not list; they come through untouched.
  created_at: "2024-01-01T00:00:00Z",
};

describe("getMe", () => {
  it("GETs /api/v1/me and resolves its body", async () => {
    const mock = mockFetch(() => json(200, ME));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });

    const me = await dc.getMe();

    expect(me).toEqual(ME);
    expect(me.organization.organization_id).toBe(ORG);
    expect(mock.requests[0]?.method).toBe("GET");
    expect(mock.requests[0]?.url).toBe(`${BASE_URL}/api/v1/me`);
    expect(mock.requests[0]?.body).toBeNull();
  });

  it("maps a 401 to AuthenticationError", async () => {
    const mock = mockFetch(() => json(401, { detail: "Invalid token" }));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });

    await expect(dc.getMe()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("treats a 503 from /me as a ServerError: only the invitation documents 503 as a failed signup", async () => {
    const mock = mockFetch(() => json(503, { detail: "maintenance" }));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch, maxRetries: 0 });

    const error = await dc.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).message).toContain("maintenance");
  });

  it("fails clearly when a 200 carries a body that is not JSON", async () => {
    const mock = mockFetch(
      () => new Response("<html>login</html>", { status: 200, headers: { "content-type": "text/html" } }),
    );
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });

    const error = await dc.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeepsetCloudError);
    expect((error as Error).message).toMatch(/not valid JSON/);
  });
});
