// Success is what the spec documents for the operation: the invitation's is 201, /me's and
// the workspaces' 200. Any other 2xx says the server did something else (or nothing).
import { describe, expect, it } from "vitest";
import { ApiError, createDeepsetCloud, UnexpectedStatusError } from "../../src/index.js";
import { answer, startServer } from "../helpers/http-server.js";
import { ADA, API_KEY, ORG } from "../helpers/mock-fetch.js";

describe.each([200, 202, 204])("an invitation answered %i", (status) => {
  it("throws UnexpectedStatusError with that status, and is not retried", async () => {
    const api = await startServer((_req, res) => answer(res, status, status === 204 ? undefined : { ok: true }));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url });

    const error = await dc.inviteUser(ORG, ADA).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnexpectedStatusError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, attempts: 1 });
    expect((error as Error).message).toContain("the spec documents 201");
    expect(api.requests).toHaveLength(1);
  });
});

it("getMe answered 201 throws too, through dc.api as well", async () => {
  const api = await startServer((_req, res) => answer(res, 201, {}));
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url });

  await expect(dc.getMe()).rejects.toMatchObject({ name: "UnexpectedStatusError", status: 201 });
  await expect(dc.api.GET("/api/v1/me")).rejects.toMatchObject({ name: "UnexpectedStatusError", status: 201 });
});

it("listWorkspaces resolves the array on 200", async () => {
  const workspaces = [{ name: "default", workspace_id: "3fa85f64-5717-4562-b3fc-2c963f66afa6", extra: 1 }];
  const api = await startServer((_req, res) => answer(res, 200, workspaces));
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url });

  await expect(dc.listWorkspaces()).resolves.toEqual(workspaces);
  expect(api.requests[0]).toMatchObject({ method: "GET", url: "/api/v1/workspaces" });
});
