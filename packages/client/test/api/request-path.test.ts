// The path a request takes through openapi-fetch: the injected fetch gets the URL as text and
// the body exactly as serialized (no WHATWG Request is built only to be read back), and the
// operation comes from openapi-fetch's schema path, so a base URL with a path of its own
// changes nothing: the request is still checked against its operation.
import { expect, it } from "vitest";
import { createDeepsetCloud, InvalidRequestError } from "../../src/index.js";
import { ADA, API_KEY, ORG } from "../helpers/mock-fetch.js";

it("the fetch gets the URL as text and the body as serialized, for dc.api and the methods alike", async () => {
  const seen: { input: unknown; body: unknown }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    seen.push({ input, body: init?.body });
    return new Response(null, { status: 201 });
  };
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: "https://gateway.example.test/deepset", fetch });

  await dc.inviteUser(ORG, ADA);
  const { response } = await dc.api.POST("/api/v1/organization/{organization_id}/invitation", {
    params: { path: { organization_id: ORG } },
    body: ADA,
  });

  expect(response.status).toBe(201);
  expect(seen).toEqual([
    { input: `https://gateway.example.test/deepset/api/v1/organization/${ORG}/invitation`, body: JSON.stringify(ADA) },
    { input: `https://gateway.example.test/deepset/api/v1/organization/${ORG}/invitation`, body: JSON.stringify(ADA) },
  ]);
});

it("under a base URL with a path, dc.api still checks the request against its operation", async () => {
  let sent = 0;
  const fetch: typeof globalThis.fetch = async () => {
    sent++;
    return new Response(null, { status: 201 });
  };
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: "https://gateway.example.test/deepset", fetch });

  const error = await dc.api
    .POST("/api/v1/organization/{organization_id}/invitation", {
      params: { path: { organization_id: ORG } },
      body: { ...ADA, email: 42 } as unknown as typeof ADA,
    })
    .catch((e: unknown) => e);

  expect(error).toBeInstanceOf(InvalidRequestError);
  expect((error as InvalidRequestError).issues.map((i) => i.path)).toContain("body.email");
  expect(sent).toBe(0);
});
