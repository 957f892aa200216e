// A Prism mock of spec/openapi.yaml, run inside this process.
//
// Why in-process rather than spawning the `prism mock` CLI: it starts in about 20 ms
// instead of several seconds (no second Node start-up, no CLI bootstrap), there is no
// child process that a crashed or interrupted test run could leave behind holding a port,
// and it stops when the test process stops. It listens on 127.0.0.1 and port 0, so runs
// never collide on a port and nothing is reachable from outside the machine.
import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";
import { SPEC_PATH } from "./spec.js";

export interface PrismOptions {
  /** The OpenAPI document to mock. Default: SPEC_PATH (the repository's spec/openapi.yaml, or $DCLOUD_CONTRACT_SPEC). */
  specPath?: string | undefined;
  /**
   * Proxy mode (`prism proxy --errors`): forward every valid request to this origin and
   * validate its real answer against the spec. An invalid request is answered by Prism
   * (401 or 422) and never forwarded; an answer that breaks the spec becomes a 500
   * problem+json whose `validation` lists the violations (and `sl-violations` names them).
   */
  upstream?: URL | undefined;
}

export interface RunningPrism {
  /** The mock's origin, e.g. `http://127.0.0.1:41234` (the spec's paths hang from it). */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts Prism as the contract tests need it: requests are validated against the spec
 * (an invalid one gets the spec's 422 and an `sl-violations` header), responses are
 * validated too (a violation also lands in `sl-violations`), the bearer scheme is
 * enforced (no `Authorization` → 401), and answers are the spec's examples, not random
 * data (`dynamic: false`), so they are the same on every run.
 */
export async function startPrism(options: PrismOptions = {}): Promise<RunningPrism> {
  const operations = await getHttpOperationsFromSpec(options.specPath ?? SPEC_PATH);
  // Prism logs every request at info level; the tests read headers, not logs.
  const logger = createLogger("prism", { level: "silent" });
  const common = {
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    upstreamProxy: undefined,
    mock: { dynamic: false },
  };
  const server = createServer(operations, {
    components: { logger },
    cors: false,
    config: options.upstream
      ? { ...common, isProxy: true, upstream: options.upstream, errors: true }
      : { ...common, isProxy: false, errors: false },
  });
  const url = await server.listen(0, "127.0.0.1");
  let closing: Promise<void> | undefined;
  return {
    url,
    // Idempotent, so an afterAll can call it even when a test already did.
    close: () => (closing ??= server.close()),
  };
}
