// The contract checks of one request body, shared by the Prism mock suite and the live check
// (`pnpm contract:live`). Each returns the problems it found, every one naming the field it is
// about; an empty list means client, Prism (or the real API behind it) and spec agree.
//
// - valid body (the spec's schema accepts it): the client sends it, gets 201, no
//   `sl-violations`, and a response whose status, content type and body the spec documents;
// - invalid body (the schema rejects it): the client refuses it with InvalidRequestError and
//   sends nothing, and the same body sent raw gets 422 with `sl-violations` (negative data
//   rejection, as Schemathesis calls it).
import type { ValidateFunction } from "ajv/dist/2020.js";
import { createDeepsetCloud, InvalidRequestError, type UserInvitation } from "@dcloud/client";
import { describeErrors, INVITE_PATH, ResponseChecker, specAjv, requestBodySchema, type Spec } from "./spec.js";

/** What one request's exchange looked like, as a recording fetch saw it. */
export interface SeenExchange {
  status: number;
  violations: string | null;
  contentType: string | null;
  responseBody: Promise<string>;
}

export interface CheckTarget {
  /** Where requests go: Prism's origin (mock or proxy), or a proxy in front of it. */
  baseUrl: string;
  apiKey: string;
  organizationId: string;
  /** A fetch that records each exchange into `exchanges`. */
  fetch: typeof globalThis.fetch;
  exchanges: SeenExchange[];
}

export class BodyChecks {
  readonly checker: ResponseChecker;
  /** The spec's request body schema, compiled: the oracle of what is valid. */
  readonly oracle: ValidateFunction;
  constructor(
    readonly spec: Spec,
    readonly target: CheckTarget,
  ) {
    this.checker = new ResponseChecker(spec);
    this.oracle = specAjv().compile(requestBodySchema(spec, "post", INVITE_PATH));
  }

  #client() {
    return createDeepsetCloud({
      apiKey: this.target.apiKey,
      baseUrl: this.target.baseUrl,
      fetch: this.target.fetch,
      maxRetries: 0,
    });
  }

  /** A body the spec accepts: the client sends it and the answer conforms. */
  async valid(body: unknown): Promise<string[]> {
    if (!this.oracle(body)) {
      return [`the generator made a body the spec rejects: ${describeErrors(this.oracle.errors, "body").join("; ")}`];
    }
    const before = this.target.exchanges.length;
    const problems: string[] = [];
    try {
      await this.#client().inviteUser(this.target.organizationId, body as UserInvitation);
    } catch (error) {
      if (error instanceof InvalidRequestError) {
        return [`the client refuses a body the spec accepts: ${error.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`];
      }
      problems.push(`the client rejected with ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
    const exchanges = this.target.exchanges.slice(before);
    if (exchanges.length !== 1) problems.push(`expected exactly one request, ${exchanges.length} were sent`);
    for (const e of exchanges) {
      if (e.status !== 201) problems.push(`expected 201, got ${e.status}`);
      if (e.violations) problems.push(`Prism reports sl-violations: ${e.violations}`);
      problems.push(
        ...this.checker.check("post", INVITE_PATH, { status: e.status, contentType: e.contentType, body: await e.responseBody }),
      );
    }
    return problems;
  }

  /**
   * A body the spec rejects: the client refuses it and sends nothing; sent raw, it gets 422.
   * Against Prism's mock (`prism: "mock"`) the 422 also carries `sl-violations` and is the spec's
   * own 422, so its body is checked too. Prism's proxy answers an invalid request with its own
   * 422 problem+json, without that header, and never forwards it to the real API.
   */
  async invalid(body: unknown, options: { prism: "mock" | "proxy" }): Promise<string[]> {
    if (this.oracle(body)) return ["the spec accepts this body, so it is not a negative example"];
    const problems: string[] = [];
    const before = this.target.exchanges.length;
    try {
      await this.#client().inviteUser(this.target.organizationId, body as UserInvitation);
      problems.push("the client accepted a body the spec rejects");
    } catch (error) {
      if (!(error instanceof InvalidRequestError)) {
        problems.push(`the client did not refuse it with InvalidRequestError but ${error instanceof Error ? error.name : String(error)}`);
      }
    }
    const sent = this.target.exchanges.length - before;
    if (sent !== 0) problems.push(`the client sent ${sent} request(s) for a body the spec rejects`);

    const url = `${this.target.baseUrl}/api/v1/organization/${encodeURIComponent(this.target.organizationId)}/invitation`;
    const response = await this.target.fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${this.target.apiKey}`, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== 422) problems.push(`sent raw, it got ${response.status}, not 422: ${text.slice(0, 300)}`);
    if (options.prism === "mock" && !response.headers.get("sl-violations")) problems.push("sent raw, its answer has no sl-violations header");
    if (options.prism === "mock" && response.status === 422) {
      problems.push(
        ...this.checker.check("post", INVITE_PATH, { status: 422, contentType: response.headers.get("content-type"), body: text }),
      );
    }
    return problems;
  }
}
