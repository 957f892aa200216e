// A redirect is never followed: fetch would re-send the invitation (307/308) to wherever
// Location points, or turn it into a GET of a login page (302) whose 200 looked like success.
import { describe, expect, it } from "vitest";
import { createDeepsetCloud, UnexpectedStatusError } from "../../src/index.js";
import { answer, startServer } from "../helpers/http-server.js";
import { ADA, API_KEY, ORG } from "../helpers/mock-fetch.js";

describe.each([301, 302, 303, 307, 308])("a %i answer", (status) => {
  it("is not followed: the server it points to receives nothing, and the call throws UnexpectedStatusError", async () => {
    const elsewhere = await startServer((_req, res) => answer(res, 200, "<html>Sign in</html>"));
    const api = await startServer((_req, res) =>
      answer(res, status, undefined, { location: `${elsewhere.url}/login?session=s3cr3t&next=%2Finvite` }),
    );
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url });

    const error = await dc.inviteUser(ORG, ADA).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnexpectedStatusError);
    expect(error).toMatchObject({ status, location: `${elsewhere.url}/login`, attempts: 1 });
    expect((error as Error).message).toContain(`${status} from POST ${api.url}/api/v1/organization/${ORG}/invitation`);
    expect((error as Error).message).toContain(`redirect to ${elsewhere.url}/login, not followed`);
    expect((error as Error).message).not.toContain("s3cr3t");
    expect(elsewhere.requests).toHaveLength(0);
    expect(api.requests).toHaveLength(1);
  });
});

it("a relative Location is named as an absolute URL", async () => {
  const api = await startServer((_req, res) => answer(res, 302, undefined, { location: "/sso/login?return=1" }));
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url });

  await expect(dc.getMe()).rejects.toMatchObject({ status: 302, location: `${api.url}/sso/login` });
});

it("dc.api does not follow one either", async () => {
  const elsewhere = await startServer((_req, res) => answer(res, 200, {}));
  const api = await startServer((_req, res) => answer(res, 307, undefined, { location: `${elsewhere.url}/api/v1/me` }));
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url });

  await expect(dc.api.GET("/api/v1/me")).rejects.toBeInstanceOf(UnexpectedStatusError);
  expect(elsewhere.requests).toHaveLength(0);
});
