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

const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());

it.each([
  ["as is", (key: string) => `{"detail":"bad key ${key}"}`, "sk-plain-0123456789"],
  ["JSON-escaped", (key: string) => JSON.stringify({ detail: `bad key ${key}` }), 'sk-"quoted"\\slash'],
  [
    "percent-encoded",
    (key: string) => JSON.stringify({ detail: `see /keys/${encodeURIComponent(key)}` }),
    "sk/a+b=c&d",
  ],
  [
    "percent-encoded with lower-case hex digits",
    (key: string) => JSON.stringify({ detail: `see /keys/${lowerHex(encodeURIComponent(key))}` }),
    "SK/A+B=C",
  ],
])("a key echoed %s is redacted from the body, the headers and the message", async (_form, echo, key) => {
  const api = await startServer((_req, res) =>
    answer(res, 400, echo(key), { "x-debug": lowerHex(encodeURIComponent(key)), "x-raw": encodeURIComponent(key) }),
  );
  const dc = createDeepsetCloud({ apiKey: key, baseUrl: api.url });

  const error = (await dc.inviteUser(ORG, ADA).catch((e: unknown) => e)) as ApiError;

  const shown = `${inspect(error, { depth: 5 })} ${JSON.stringify(error.body)} ${[...error.headers].join(" ")}`;
  const forms = [key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key), lowerHex(encodeURIComponent(key))];
  for (const form of forms) expect(shown).not.toContain(form);
  expect(shown).toContain("***");
});
