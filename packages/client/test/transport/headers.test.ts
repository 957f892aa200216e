import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createDeepsetCloud, VERSION } from "../../src/index.js";
import { ADA, API_KEY, BASE_URL, json, mockFetch, ORG } from "../helpers/mock-fetch.js";

describe("headers every request carries", () => {
  it.each(["invite", "me"])("%s: Authorization, Accept and User-Agent", async (which) => {
    const mock = mockFetch(() => json(which === "me" ? 200 : 201, {}));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });

    await (which === "me" ? dc.getMe() : dc.inviteUser(ORG, ADA));

    const headers = mock.requests[0]?.headers;
    expect(headers?.get("authorization")).toBe(`Bearer ${API_KEY}`);
    expect(headers?.get("accept")).toBe("application/json");
    expect(headers?.get("user-agent")).toBe(`dcloud-client/${VERSION} node/${process.versions.node}`);
  });

  it("also on requests made through dc.api", async () => {
    const mock = mockFetch(() => json(200, {}));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });

    await dc.api.GET("/api/v1/me");

    expect(mock.requests[0]?.headers.get("authorization")).toBe(`Bearer ${API_KEY}`);
  });
});

describe("VERSION", () => {
  it("equals package.json's version (the User-Agent must not lie)", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
