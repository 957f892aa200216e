// A server that echoes the key (a proxy's error page, a debug endpoint) must not put it into
// anything the caller might print: `console.log(error)` shows the headers and the body.
import { inspect } from "node:util";
import { expect, it } from "vitest";
import { ApiError, createDeepsetCloud } from "../../src/index.js";
import { answer, startServer } from "../helpers/http-server.js";
import { ADA, API_KEY, ORG } from "../helpers/mock-fetch.js";

it("a key echoed in headers and the body is redacted from the error's headers, body and message", async () => {
  const api = await startServer((req, res) =>
    answer(
      res,
      400,
      { detail: `bad request from ${req.headers.authorization}` },
      {
        "x-echo-authorization": String(req.headers.authorization),
        "x-debug": `key=${API_KEY};route=invite`,
        "set-cookie": "session=abc123; HttpOnly",
        authorization: "Basic c29tZTpvdGhlcg==",
        "proxy-authorization": "Basic cHJveHk6cHc=",
        cookie: "a=b",
        "x-request-id": "req-7",
      },
    ),
  );
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url });

  const error = (await dc.inviteUser(ORG, ADA).catch((e: unknown) => e)) as ApiError;

  expect(error).toBeInstanceOf(ApiError);
  expect(error.headers.get("x-echo-authorization")).toBe("Bearer ***");
  expect(error.headers.get("x-debug")).toBe("key=***;route=invite");
  for (const name of ["set-cookie", "authorization", "proxy-authorization", "cookie"]) {
    expect(error.headers.get(name)).toBe("***");
  }
  expect(error.headers.get("x-request-id")).toBe("req-7");
  expect(error.requestId).toBe("req-7");
  expect(error.body).toEqual({ detail: "bad request from Bearer ***" });
  const printed = [
    inspect(error, { depth: 5, showHidden: true }),
    error.message,
    String(error.stack),
    JSON.stringify(error),
  ].join("\n");
  expect(printed).toContain("bad request from Bearer ***");
  expect(printed).not.toContain(API_KEY);
  expect(printed).not.toContain("abc123");
  expect(printed).not.toContain("c29tZTpvdGhlcg");
});
