import { afterEach, describe, expect, it, vi } from "vitest";
import { createDeepsetCloud, InvalidRequestError, MissingApiKeyError } from "../../src/index.js";
import { ADA, API_KEY, BASE_URL, json, mockFetch, ORG } from "../helpers/mock-fetch.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("API key", () => {
  it("is sent as a bearer token", async () => {
    const mock = mockFetch(() => json(201, {}));
    await createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch }).inviteUser(ORG, ADA);
    expect(mock.requests[0]?.headers.get("authorization")).toBe(`Bearer ${API_KEY}`);
  });

  it("comes from DEEPSET_CLOUD_API_KEY when no option is given", async () => {
    vi.stubEnv("DEEPSET_CLOUD_API_KEY", "sk-from-env");
    const mock = mockFetch(() => json(201, {}));
    await createDeepsetCloud({ baseUrl: BASE_URL, fetch: mock.fetch }).inviteUser(ORG, ADA);
    expect(mock.requests[0]?.headers.get("authorization")).toBe("Bearer sk-from-env");
  });

  it("missing: creating the client works, the first request throws and sends nothing", async () => {
    vi.stubEnv("DEEPSET_CLOUD_API_KEY", "");
    const mock = mockFetch(() => json(201, {}));
    const dc = createDeepsetCloud({ baseUrl: BASE_URL, fetch: mock.fetch });

    await expect(dc.inviteUser(ORG, ADA)).rejects.toBeInstanceOf(MissingApiKeyError);
    await expect(dc.getMe()).rejects.toBeInstanceOf(MissingApiKeyError);
    expect(mock.requests).toHaveLength(0);
  });

  it("missing: the raw openapi-fetch client refuses too", async () => {
    vi.stubEnv("DEEPSET_CLOUD_API_KEY", "");
    const mock = mockFetch(() => json(200, {}));
    const dc = createDeepsetCloud({ baseUrl: BASE_URL, fetch: mock.fetch });

    await expect(dc.api.GET("/api/v1/me")).rejects.toBeInstanceOf(MissingApiKeyError);
    expect(mock.requests).toHaveLength(0);
  });
});

describe("an API key that cannot be a header value", () => {
  it.each([`${API_KEY}\n`, `${API_KEY} x`, `${API_KEY}é`])(
    "%j is refused without quoting it, and nothing is sent",
    async (apiKey) => {
      const mock = mockFetch(() => json(201, {}));
      const dc = createDeepsetCloud({ apiKey, baseUrl: BASE_URL, fetch: mock.fetch });

      const error = (await dc.inviteUser(ORG, ADA).catch((e: unknown) => e)) as InvalidRequestError;

      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error.issues).toEqual([{ path: "apiKey", message: expect.stringContaining("cannot be sent") }]);
      expect(`${error.message} ${error.stack}`).not.toContain(API_KEY);
      expect(mock.requests).toHaveLength(0);
    },
  );
});
