import { afterEach, describe, expect, it, vi } from "vitest";
import { createDeepsetCloud, DeepsetCloudError, normalizeBaseUrl, REGION_URLS } from "../../src/index.js";
import { ADA, API_KEY, json, mockFetch, ORG } from "../helpers/mock-fetch.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("base URL", () => {
  it("defaults to the EU region", () => {
    vi.stubEnv("DEEPSET_CLOUD_API_URL", "");
    expect(createDeepsetCloud({ apiKey: API_KEY }).baseUrl).toBe("https://api.cloud.deepset.ai");
  });

  it("uses the US URL for region us", () => {
    vi.stubEnv("DEEPSET_CLOUD_API_URL", "");
    expect(createDeepsetCloud({ apiKey: API_KEY, region: "us" }).baseUrl).toBe(REGION_URLS.us);
  });

  it("takes DEEPSET_CLOUD_API_URL over the region, and the option over both", () => {
    vi.stubEnv("DEEPSET_CLOUD_API_URL", "https://env.example.test/api/v1");
    expect(createDeepsetCloud({ apiKey: API_KEY, region: "us" }).baseUrl).toBe("https://env.example.test");
    expect(createDeepsetCloud({ apiKey: API_KEY, baseUrl: "https://opt.example.test" }).baseUrl).toBe(
      "https://opt.example.test",
    );
  });

  it.each([
    ["https://api.cloud.deepset.ai/api/v1", "https://api.cloud.deepset.ai"],
    ["https://api.cloud.deepset.ai/api/v1/", "https://api.cloud.deepset.ai"],
    ["https://api.cloud.deepset.ai/", "https://api.cloud.deepset.ai"],
    ["https://proxy.example.test/deepset/api/v1", "https://proxy.example.test/deepset"],
    ["  https://api.us.deepset.ai  ", "https://api.us.deepset.ai"],
  ])("normalizes %s to %s", (raw, expected) => {
    expect(normalizeBaseUrl(raw)).toBe(expected);
  });

  it("sends to the normalized URL, never doubling /api/v1", async () => {
    const mock = mockFetch(() => json(201, {}));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: "https://x.example.test/api/v1/", fetch: mock.fetch });
    await dc.inviteUser(ORG, ADA);
    expect(mock.requests[0]?.url).toBe(`https://x.example.test/api/v1/organization/${ORG}/invitation`);
  });

  it.each(["not a url", "ftp://api.example.test", "https://api.example.test/?x=1", "https://user:pw@api.example.test"])(
    "refuses %s",
    (raw) => {
      expect(() => normalizeBaseUrl(raw)).toThrow(DeepsetCloudError);
    },
  );

  it("refuses http:// to a host that is not loopback, unless allowed", () => {
    expect(() => createDeepsetCloud({ apiKey: API_KEY, baseUrl: "http://api.example.test" })).toThrow(
      /Refusing http:\/\/ base URL/,
    );
    expect(
      createDeepsetCloud({ apiKey: API_KEY, baseUrl: "http://api.example.test", allowInsecureHttp: true }).baseUrl,
    ).toBe("http://api.example.test");
  });

  it.each([
    "http://127.0.0.1:4010",
    "http://localhost:4010/api/v1",
    "http://[::1]:4010",
    "http://127.1.2.3",
    "http://[::ffff:127.0.0.1]:4010",
    "http://[::ffff:127.9.8.7]",
  ])("allows http:// to loopback %s", (raw) => {
    expect(() => normalizeBaseUrl(raw)).not.toThrow();
  });

  // Loopback by literal: a name is whatever the resolver makes of it.
  it.each([
    "http://foo.localhost:4010",
    "http://localhost.example.test",
    "http://127.0.0.1.example.test",
    "http://[::ffff:10.0.0.1]",
    "http://[::2]",
    "http://128.0.0.1",
  ])("refuses http:// to %s, which is not loopback by literal", (raw) => {
    expect(() => normalizeBaseUrl(raw)).toThrow(/Refusing http:\/\//);
  });
});
