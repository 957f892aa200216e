// A server (or what sits in between) may answer with gigabytes: an error body is read up to
// 64 KiB and marked truncated; a success body past maxResponseBytes fails the call with
// ResponseTooLargeError, not retried; inviteUser does not keep its 201 body.
import { describe, expect, it } from "vitest";
import { ApiError, createDeepsetCloud, ResponseTooLargeError, ServerError } from "../../src/index.js";
import { startServer } from "../helpers/http-server.js";
import { ADA, API_KEY, ORG } from "../helpers/mock-fetch.js";

const MiB = 1024 * 1024;

/** Streams `bytes` of `x` in chunks, with or without a Content-Length. */
function streamBody(res: import("node:http").ServerResponse, status: number, bytes: number, declare: boolean) {
  res.writeHead(status, { "content-type": "text/plain", ...(declare ? { "content-length": String(bytes) } : {}) });
  const chunk = Buffer.alloc(64 * 1024, "x");
  let sent = 0;
  const pump = () => {
    while (sent < bytes) {
      const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
      sent += part.length;
      if (!res.write(part)) return void res.once("drain", pump);
    }
    res.end();
  };
  res.on("error", () => {});
  res.socket?.on("error", () => {});
  pump();
}

describe("an error body", () => {
  it("of 8 MiB: the first 64 KiB are kept, marked truncated", async () => {
    const api = await startServer((_req, res) => streamBody(res, 500, 8 * MiB, false));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url, maxRetries: 0 });

    const error = (await dc.inviteUser(ORG, ADA).catch((e: unknown) => e)) as ApiError;

    expect(error).toBeInstanceOf(ServerError);
    expect(typeof error.body).toBe("string");
    expect((error.body as string).length).toBe(64 * 1024);
    expect(error.bodyTruncated).toBe(true);
  });
});

describe("a success body", () => {
  it.each([
    ["with a Content-Length", true],
    ["streamed", false],
  ])("past maxResponseBytes (%s): ResponseTooLargeError, sent once", async (_label, declare) => {
    const api = await startServer((_req, res) => streamBody(res, 200, 2 * MiB, declare));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url, maxResponseBytes: MiB });

    const error = await dc.getMe().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "response_too_large", status: 200, maxResponseBytes: MiB, attempts: 1 });
    expect(api.requests).toHaveLength(1);
  });

  it("within maxResponseBytes is read whole", async () => {
    const me = {
      user_id: "u",
      given_name: "A",
      family_name: "B",
      email: "a@b.c",
      organization: { organization_id: "o", name: "n" },
      pad: "y".repeat(100_000),
    };
    const api = await startServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(me)),
    );
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url });

    expect(await dc.getMe()).toEqual(me);
  });

  it("of a 201 to an invitation is not kept, whatever its size", async () => {
    const api = await startServer((_req, res) => streamBody(res, 201, 4 * MiB, false));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url, maxResponseBytes: 1024 });

    await expect(dc.inviteUser(ORG, ADA)).resolves.toMatchObject({ status: 201, attempts: 1 });
  });
});
