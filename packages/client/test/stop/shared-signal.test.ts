// One AbortSignal shared by many concurrent calls (a CLI's Ctrl-C signal, say): no
// MaxListenersExceededWarning, and no listener left on it once the calls are done.
import { getEventListeners } from "node:events";
import { expect, it } from "vitest";
import { createDeepsetCloud } from "../../src/index.js";
import { answer, startServer } from "../helpers/http-server.js";
import { ADA, API_KEY, ORG } from "../helpers/mock-fetch.js";

it("50 concurrent calls share a signal and a stopSignal: no warning, no listener left", async () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on("warning", onWarning);
  try {
    // Every third invitee's first attempt gets a 503, so that calls also wait to retry.
    const seen = new Set<string>();
    const api = await startServer((req, res) => {
      const { email } = JSON.parse(req.body) as { email: string };
      const first = !seen.has(email);
      seen.add(email);
      const retry = first && Number(email.slice(1, email.indexOf("@"))) % 3 === 0;
      setTimeout(() => (retry ? answer(res, 503, {}, { "retry-after-ms": "5" }) : answer(res, 201)), 20);
    });
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: api.url });
    const controller = new AbortController();
    const stop = new AbortController();

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        dc.inviteUser(
          ORG,
          { ...ADA, email: `u${i}@example.com` },
          { signal: controller.signal, stopSignal: stop.signal },
        ),
      ),
    );
    // Let a warning emitted on the last tick reach the handler.
    await new Promise((resolve) => setImmediate(resolve));

    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    expect(getEventListeners(stop.signal, "abort")).toHaveLength(0);
  } finally {
    process.off("warning", onWarning);
  }
});
