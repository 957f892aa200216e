import { describe, expect, it } from "vitest";
import { createDeepsetCloud } from "../../src/index.js";
import { ADA, API_KEY, BASE_URL, empty, json, mockFetch, ORG } from "../helpers/mock-fetch.js";

describe("inviteUser", () => {
  it("POSTs the invitation to the organization's path with the spec's field names", async () => {
    const mock = mockFetch(() => json(201, {}, { "x-request-id": "req-1" }));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });

    const result = await dc.inviteUser(ORG, { ...ADA, workspace_ids: ["3fa85f64-5717-4562-b3fc-2c963f66afa6"] });

    expect(result).toEqual({ status: 201, requestId: "req-1", attempts: 1 });
    expect(mock.requests).toHaveLength(1);
    const [sent] = mock.requests;
    expect(sent?.method).toBe("POST");
    expect(sent?.url).toBe(`${BASE_URL}/api/v1/organization/${ORG}/invitation`);
    expect(JSON.parse(sent?.body ?? "")).toEqual({ ...ADA, workspace_ids: ["3fa85f64-5717-4562-b3fc-2c963f66afa6"] });
    expect(sent?.headers.get("content-type")).toBe("application/json");
  });

  it("sends no workspace_ids when the caller gives none (the server's default is [])", async () => {
    const mock = mockFetch(() => json(201, {}));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });

    await dc.inviteUser(ORG, ADA);

    expect(JSON.parse(mock.requests[0]?.body ?? "")).not.toHaveProperty("workspace_ids");
  });

  it("leaves requestId out when the server sends no x-request-id", async () => {
    const mock = mockFetch(() => empty(201));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });

    expect(await dc.inviteUser(ORG, ADA)).toEqual({ status: 201, attempts: 1 });
  });

  it("accepts a 201 whose body is not JSON (the spec does not describe it)", async () => {
    const mock = mockFetch(() => new Response("Invited", { status: 201, headers: { "content-type": "text/plain" } }));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });

    await expect(dc.inviteUser(ORG, ADA)).resolves.toMatchObject({ status: 201 });
  });
});
