// `dc.api` is the openapi-fetch client, and it sends through the same transport as the named
// methods: an operation of the spec with no method of its own still gets retries, timeouts,
// validation and the headers.
import { expect, it } from "vitest";
import { createDeepsetCloud, InvalidRequestError, TimeoutError } from "../../src/index.js";
import { answer, startServer } from "../helpers/http-server.js";
import { API_KEY, ORG } from "../helpers/mock-fetch.js";

it("is retried on 503 and answers as openapi-fetch does", async () => {
  const api = await startServer((_req, res, i) =>
    i === 0
      ? answer(res, 503, { detail: "busy" }, { "retry-after": "0" })
      : answer(res, 200, [{ name: "default", workspace_id: ORG }]),
  );
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url });

  const { data, error, response } = await dc.api.GET("/api/v1/workspaces");

  expect(error).toBeUndefined();
  expect(response.status).toBe(200);
  expect(data).toEqual([{ name: "default", workspace_id: ORG }]);
  expect(api.requests).toHaveLength(2);
  expect(api.requests[1]?.headers).toMatchObject({
    authorization: `Bearer ${API_KEY}`,
    accept: "application/json",
    "user-agent": expect.stringMatching(/^dcloud-client\/\S+ node\/\S+$/),
  });
});

it("times out per attempt, and retries the timeout", async () => {
  // Never answers: only the client's timeout ends each attempt.
  const api = await startServer(() => undefined);
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url, timeoutMs: 300, maxRetries: 1 });

  const error = await dc.api.GET("/api/v1/me").catch((e: unknown) => e);

  expect(error).toBeInstanceOf(TimeoutError);
  expect(error).toMatchObject({ attempts: 2 });
  expect(api.requests).toHaveLength(2);
});

it("a documented error comes back as openapi-fetch's `error`, after the retries", async () => {
  const api = await startServer((_req, res) => answer(res, 409, { detail: "already a member" }));
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url });

  const { data, error, response } = await dc.api.POST("/api/v1/organization/{organization_id}/invitation", {
    params: { path: { organization_id: ORG } },
    body: { email: "ada@example.com", given_name: "Ada", family_name: "Lovelace", role: "member" },
  });

  expect(data).toBeUndefined();
  expect(error).toEqual({ detail: "already a member" });
  expect(response.status).toBe(409);
  expect(api.requests).toHaveLength(1);
});

it("checks the request against the spec before sending, as the methods do", async () => {
  const api = await startServer((_req, res) => answer(res, 201, {}));
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url });

  const error = await dc.api
    .POST("/api/v1/organization/{organization_id}/invitation", {
      params: { path: { organization_id: ".." } },
      body: { email: "ada@example.com", given_name: "Ada", family_name: "Lovelace", role: "member" },
    })
    .catch((e: unknown) => e);
  const bodyError = await dc.api
    .POST("/api/v1/organization/{organization_id}/invitation", {
      params: { path: { organization_id: ORG } },
      body: {
        email: "ada@example.com",
        given_name: "Ada",
        family_name: "Lovelace",
        role: "member",
        workspace_ids: ["nope"],
      },
    })
    .catch((e: unknown) => e);

  expect(error).toBeInstanceOf(InvalidRequestError);
  expect(bodyError).toMatchObject({ issues: [{ path: "body.workspace_ids.0", message: 'must match format "uuid"' }] });
  expect(api.requests).toHaveLength(0);
});
