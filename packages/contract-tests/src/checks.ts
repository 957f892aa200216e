// The contract checks of one operation, shared by the Prism mock suite and the live check
// (`pnpm contract:live`). Each takes a generated request and returns the problems it found, every
// one naming the operation and the field it is about; an empty list means client, Prism (or the
// real API behind it) and spec agree. Nothing here knows any operation: it all comes from the spec.
//
// - valid: the client (the named method, or `dc.api`) sends exactly the request, gets a documented
//   success without `sl-violations`, hands on what came back, and the answer conforms;
// - invalid: the client refuses it with InvalidRequestError naming the field and sends nothing;
//   sent raw, Prism refuses it too (422 with its violations), for that same field;
// - forced: with `Prefer: code=N` Prism answers a documented status, and it comes out of every
//   route as the spec says: data for a success, `{ error, response }` from `dc.api` and the status's
//   error class from the named method otherwise;
// - auth: a client without a key sends nothing; sent raw without a bearer token, Prism answers 401.
import { isDeepStrictEqual } from "node:util";
import {
  AlreadyMemberError,
  ApiError,
  createDeepsetCloud,
  type DeepsetCloud,
  ERROR_CODES,
  InvalidRequestError,
  MissingApiKeyError,
  UnprocessableEntityError,
} from "@dcloud/client";
import { argumentsFor, NAMED_METHODS, type NamedMethod } from "./named-methods.js";
import { RequestOracle, ResponseChecker, wireValue } from "./oracle.js";
import type { RecordedExchange, RecordingFetch } from "./recording-fetch.js";
import type { GeneratedRequest, InvalidKind } from "./requests.js";
import type { SpecOperation } from "./spec.js";

export interface CheckTarget {
  /** Where requests go: Prism's origin (mock, or proxy in front of the real API). */
  baseUrl: string;
  apiKey: string;
  /** Records every exchange of the clients and of the raw requests. */
  recorder: RecordingFetch;
}

/** How a request reaches the API: `dc.api`, or the operation's named method. */
export type Route = "api" | "named";

/** The client's error classes that stand for one status (401, 402, …, 429, and the documented 503), read off its ERROR_CODES. */
const CLASS_BY_STATUS = new Map<number, typeof ApiError>(
  Object.values(ERROR_CODES).flatMap((Class) =>
    "status" in Class && Class.status !== undefined ? [[Class.status, Class as typeof ApiError] as const] : [],
  ),
);

/** The error class the client should throw for a documented error status (only documented statuses are forced). */
function expectedErrorClass(status: number): typeof ApiError {
  if (status < 400) return ERROR_CODES.unexpected_status;
  return CLASS_BY_STATUS.get(status) ?? (status >= 500 ? ERROR_CODES.server : ERROR_CODES.api_error);
}

/** The concrete statuses an operation documents (`201`, not `4XX` or `default`, which cannot be forced). */
export function documentedStatuses(operation: SpecOperation): number[] {
  return Object.keys(operation.responses)
    .filter((s) => /^\d{3}$/.test(s))
    .map(Number);
}

/** A documented 1xx/2xx: what the client resolves with data. */
export function isSuccess(operation: SpecOperation, status: number): boolean {
  return status < 300 && documentedStatuses(operation).includes(status);
}

type Outcome = { returned: unknown } | { threw: unknown };

export class OperationChecks {
  readonly oracle: RequestOracle;
  readonly named: NamedMethod | undefined;
  readonly #pattern: RegExp;
  readonly #pathNames: string[];

  constructor(
    readonly operation: SpecOperation,
    readonly target: CheckTarget,
    readonly responses: ResponseChecker = new ResponseChecker(),
  ) {
    this.oracle = new RequestOracle(operation);
    this.named = NAMED_METHODS[operation.id];
    this.#pathNames = [...operation.path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
    this.#pattern = new RegExp(
      `^${operation.path
        .split(/\{[^{}]+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
        .join("([^/]+)")}$`,
    );
  }

  /** The routes that can carry `request`: `dc.api` always, the named method when it takes every part the request has. */
  routes(request: GeneratedRequest): Route[] {
    return this.named && argumentsFor(this.named, request) ? ["named", "api"] : ["api"];
  }

  /** `route` if it can carry the request, else `dc.api`. */
  routeFor(request: GeneratedRequest, route: Route): Route {
    return this.routes(request).includes(route) ? route : "api";
  }

  #client(options: { fetch?: typeof globalThis.fetch; apiKey?: string | undefined } = {}): DeepsetCloud {
    return createDeepsetCloud({
      apiKey: "apiKey" in options ? options.apiKey : this.target.apiKey,
      baseUrl: this.target.baseUrl,
      fetch: options.fetch ?? this.target.recorder.fetch,
      // One request per call: a forced 503 or 429 is one answer to check, not a round of retries.
      maxRetries: 0,
      rateLimitWaitMs: 0,
    });
  }

  async #call(dc: DeepsetCloud, route: Route, request: GeneratedRequest): Promise<Outcome> {
    try {
      if (route === "named") {
        const method = (dc as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[this.named!.name]!;
        return { returned: await method.call(dc, ...argumentsFor(this.named!, request)!) };
      }
      const api = dc.api as unknown as Record<string, (path: string, init: unknown) => Promise<unknown>>;
      const init = {
        params: { path: request.path, query: request.query, header: request.header },
        ...("body" in request ? { body: request.body } : {}),
      };
      return { returned: await api[this.operation.method.toUpperCase()]!(this.operation.path, init) };
    } catch (error) {
      return { threw: error };
    }
  }

  #via(route: Route): string {
    return route === "named" ? `dc.${this.named!.name}()` : `dc.api.${this.operation.method.toUpperCase()}`;
  }

  /** A request the spec accepts: the client sends exactly it, and the answer is a conforming documented success. */
  async valid(request: GeneratedRequest, route: Route): Promise<string[]> {
    const where = `${this.operation.label} via ${this.#via(route)}`;
    const rejected = this.oracle.problems(request);
    if (rejected.length > 0) return [`${where}: the generator made a request the spec rejects: ${rejected.join("; ")}`];
    const before = this.target.recorder.exchanges.length;
    const outcome = await this.#call(this.#client(), route, request);
    const exchanges = this.target.recorder.exchanges.slice(before);
    if ("threw" in outcome && outcome.threw instanceof InvalidRequestError) {
      return [
        `${where}: the client refuses a request the spec accepts: ${outcome.threw.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
      ];
    }
    const problems = "threw" in outcome ? [`the call threw ${describe(outcome.threw)}`] : [];
    if (exchanges.length !== 1) problems.push(`expected exactly one request, ${exchanges.length} were sent`);
    for (const exchange of exchanges) {
      problems.push(...this.#sentProblems(request, exchange), ...(await this.#answerProblems([exchange])));
      if (!isSuccess(this.operation, exchange.status))
        problems.push(`expected a documented success, got ${exchange.status}`);
      else if ("returned" in outcome)
        problems.push(...this.#resultProblems(route, outcome.returned, exchange, await exchange.responseBody));
    }
    return problems.map((p) => `${where}: ${p}`);
  }

  /** A request the spec rejects: the client refuses it for `kind.field` and sends nothing; sent raw, Prism refuses it for that field too. */
  async invalid(kind: Pick<InvalidKind, "kind" | "field">, request: GeneratedRequest, route: Route): Promise<string[]> {
    const where = `${this.operation.label} (${kind.kind}) via ${this.#via(route)}`;
    if (this.oracle.problems(request).length === 0)
      return [`${where}: the spec accepts this request, so it is not a negative example`];
    const problems: string[] = [];
    const before = this.target.recorder.exchanges.length;
    const outcome = await this.#call(this.#client(), route, request);
    if ("returned" in outcome) problems.push(`${where}: the client accepted a request the spec rejects`);
    else if (!(outcome.threw instanceof InvalidRequestError)) {
      problems.push(`${where}: the client did not refuse it with InvalidRequestError but ${describe(outcome.threw)}`);
    } else if (!outcome.threw.issues.some((i) => i.path === kind.field || i.path.startsWith(`${kind.field}.`))) {
      problems.push(`${where}: the client refused it, but not for ${kind.field}: ${outcome.threw.message}`);
    }
    const sent = this.target.recorder.exchanges.length - before;
    if (sent !== 0) problems.push(`${where}: the client sent ${sent} request(s) for a request the spec rejects`);

    const response = await this.raw(request);
    const text = await response.text();
    const violations = violationsOf(response, text);
    if (response.status !== 422 && response.status !== 400) {
      problems.push(`${where}: sent raw, it got ${response.status}, not Prism's 422: ${text.slice(0, 300)}`);
    } else if (violations.length === 0) {
      problems.push(
        `${where}: sent raw, Prism's ${response.status} names no violation (no sl-violations header, no problem+json validation)`,
      );
    } else if (!violations.some((v) => namesField(v, kind.field))) {
      problems.push(`${where}: sent raw, Prism refused it, but not for ${kind.field}: ${JSON.stringify(violations)}`);
    }
    // With sl-violations, the answer is the spec's own response (Prism's mock), so it must conform too;
    // without, it is Prism's own problem+json (the spec documents no 422 there, or Prism is a proxy).
    if (response.headers.get("sl-violations")) {
      problems.push(
        ...this.responses.check(this.operation, {
          status: response.status,
          contentType: response.headers.get("content-type"),
          body: text,
        }),
      );
    }
    return problems;
  }

  /** Prism forced to answer `status` (documented) to a valid request: every route reports it as the spec says. */
  async forced(status: number, request: GeneratedRequest): Promise<{ problems: string[]; calls: number }> {
    const problems: string[] = [];
    const routes = this.routes(request);
    for (const route of routes) {
      const where = `${this.operation.label} forced ${status} via ${this.#via(route)}`;
      const before = this.target.recorder.exchanges.length;
      const outcome = await this.#call(
        this.#client({ fetch: preferring(this.target.recorder.fetch, status) }),
        route,
        request,
      );
      const exchanges = this.target.recorder.exchanges.slice(before);
      if (exchanges.length !== 1 || exchanges[0]!.status !== status) {
        problems.push(
          `${where}: expected one request answered ${status}, got ${JSON.stringify(exchanges.map((e) => e.status))}`,
        );
        if ("threw" in outcome) problems.push(`${where}: the call threw ${describe(outcome.threw)}`);
        continue;
      }
      const exchange = exchanges[0]!;
      const body = await exchange.responseBody;
      problems.push(...(await this.#answerProblems([exchange])).map((p) => `${where}: ${p}`));
      problems.push(...this.#outcomeProblems(route, status, outcome, exchange, body).map((p) => `${where}: ${p}`));
    }
    return { problems, calls: routes.length };
  }

  #outcomeProblems(route: Route, status: number, outcome: Outcome, exchange: RecordedExchange, body: string): string[] {
    if (isSuccess(this.operation, status)) {
      if ("threw" in outcome) return [`a documented success, but the call threw ${describe(outcome.threw)}`];
      return this.#resultProblems(route, outcome.returned, exchange, body);
    }
    if (route === "api" && status >= 400) {
      if ("threw" in outcome)
        return [
          `dc.api answers a documented error status with { error, response }, but it threw ${describe(outcome.threw)}`,
        ];
      const { data, error, response } = outcome.returned as { data?: unknown; error?: unknown; response: Response };
      const problems: string[] = [];
      if (response?.status !== status) problems.push(`response.status is ${response?.status}`);
      if (data !== undefined) problems.push(`data is set on an error status: ${JSON.stringify(data)}`);
      const expected = parsed(body);
      if (!isDeepStrictEqual(error, expected) && !(expected === undefined && error === "")) {
        problems.push(`error is ${JSON.stringify(error)}, not the body ${JSON.stringify(expected)}`);
      }
      return problems;
    }
    const Expected = expectedErrorClass(status);
    if ("returned" in outcome)
      return [`expected ${Expected.name}, the call resolved ${JSON.stringify(outcome.returned)}`];
    const error = outcome.threw;
    if (!(error instanceof Expected) || error.constructor !== Expected)
      return [`expected ${Expected.name}, got ${describe(error)}`];
    const problems: string[] = [];
    if (error.status !== status) problems.push(`${Expected.name}.status is ${error.status}`);
    if (ERROR_CODES[error.code] !== Expected) problems.push(`${Expected.name}.code is ${error.code}`);
    if (error.attempts !== 1) problems.push(`${Expected.name}.attempts is ${error.attempts}`);
    if (error.message.includes(this.target.apiKey)) problems.push(`${Expected.name}'s message shows the API key`);
    if (error instanceof AlreadyMemberError && error.afterRetry)
      problems.push("AlreadyMemberError.afterRetry is true after one attempt");
    const detail = (parsed(body) as { detail?: unknown } | undefined)?.detail;
    if (
      error instanceof UnprocessableEntityError &&
      Array.isArray(detail) &&
      !isDeepStrictEqual(error.detail, detail)
    ) {
      problems.push(
        `UnprocessableEntityError.detail is ${JSON.stringify(error.detail)}, not the body's ${JSON.stringify(detail)}`,
      );
    }
    return problems;
  }

  /** What a route resolved on a documented success: `dc.api`'s `{ data }`, or the named method's value. */
  #resultProblems(route: Route, returned: unknown, exchange: RecordedExchange, body: string): string[] {
    const expected = parsed(body);
    if (route === "api") {
      const { data, error } = returned as { data?: unknown; error?: unknown };
      if (error !== undefined) return [`dc.api returned error ${JSON.stringify(error)} on a documented success`];
      return isDeepStrictEqual(data, expected)
        ? []
        : [`dc.api returned data ${JSON.stringify(data)}, not the body ${JSON.stringify(expected)}`];
    }
    if (this.named!.resolves === "status") {
      const status = (returned as { status?: unknown } | undefined)?.status;
      return status === exchange.status
        ? []
        : [`${this.named!.name} resolved ${JSON.stringify(returned)}, not { status: ${exchange.status} }`];
    }
    return isDeepStrictEqual(returned, expected)
      ? []
      : [`${this.named!.name} resolved ${JSON.stringify(returned)}, not the body ${JSON.stringify(expected)}`];
  }

  /** A secured operation: no key → nothing sent; sent raw without a bearer token → 401. */
  async auth(request: GeneratedRequest): Promise<{ problems: string[]; checks: number }> {
    const problems: string[] = [];
    const routes = this.routes(request);
    if (process.env.DEEPSET_CLOUD_API_KEY) {
      return {
        problems: [
          `${this.operation.label}: DEEPSET_CLOUD_API_KEY is set, so a client without a key would use it; unset it for this check`,
        ],
        checks: 0,
      };
    }
    for (const route of routes) {
      const before = this.target.recorder.exchanges.length;
      const outcome = await this.#call(this.#client({ apiKey: undefined }), route, request);
      const where = `${this.operation.label} without a key via ${this.#via(route)}`;
      if (!("threw" in outcome) || !(outcome.threw instanceof MissingApiKeyError)) {
        problems.push(
          `${where}: expected MissingApiKeyError, got ${"threw" in outcome ? describe(outcome.threw) : "a result"}`,
        );
      }
      const sent = this.target.recorder.exchanges.length - before;
      if (sent !== 0) problems.push(`${where}: ${sent} request(s) sent`);
    }
    const credentials = [
      ["no Authorization header", undefined],
      ["a Basic credential", `Basic ${Buffer.from("user:pass").toString("base64")}`],
    ] as const;
    for (const [what, authorization] of credentials) {
      const response = await this.raw(request, { authorization });
      await response.body?.cancel();
      if (response.status !== 401)
        problems.push(`${this.operation.label} sent raw with ${what}: got ${response.status}, not 401`);
    }
    return { problems, checks: routes.length + credentials.length };
  }

  /** The request sent by hand, past the client: the spec's serialization (percent-encoded path, form-exploded query, JSON body). */
  raw(
    request: GeneratedRequest,
    options: { authorization?: string | undefined } = { authorization: `Bearer ${this.target.apiKey}` },
  ): Promise<Response> {
    const path = this.operation.path.replace(/\{([^{}]+)\}/g, (_, name: string) =>
      encodeURIComponent(String(request.path[name])),
    );
    const url = new URL(`${this.target.baseUrl}${path}`);
    for (const [name, value] of Object.entries(request.query)) {
      for (const text of [wireValue(value)].flat()) url.searchParams.append(name, text);
    }
    const headers = new Headers({ accept: "application/json", ...request.header });
    if (options.authorization) headers.set("authorization", options.authorization);
    if ("body" in request) headers.set("content-type", "application/json");
    return this.target.recorder.fetch(url, {
      method: this.operation.method.toUpperCase(),
      headers,
      ...("body" in request ? { body: JSON.stringify(request.body) } : {}),
    });
  }

  /** Whether what went on the wire is exactly the request: method, path, query, header parameters, body, and the client's headers. */
  #sentProblems(request: GeneratedRequest, exchange: RecordedExchange): string[] {
    const problems: string[] = [];
    const url = new URL(exchange.url);
    if (exchange.method !== this.operation.method.toUpperCase()) problems.push(`sent as ${exchange.method}`);
    const match = this.#pattern.exec(url.pathname);
    if (!match) problems.push(`sent to ${url.pathname}, which is not ${this.operation.path}`);
    else {
      this.#pathNames.forEach((name, i) => {
        const sent = decodeURIComponent(match[i + 1]!);
        if (sent !== String(request.path[name]))
          problems.push(`path.${name} sent as ${JSON.stringify(sent)}, not ${JSON.stringify(request.path[name])}`);
      });
    }
    const names = new Set([...url.searchParams.keys(), ...Object.keys(request.query)]);
    for (const name of names) {
      const sent = url.searchParams.getAll(name);
      const expected = name in request.query ? [wireValue(request.query[name])].flat() : [];
      if (!isDeepStrictEqual(sent, expected))
        problems.push(`query.${name} sent as ${JSON.stringify(sent)}, not ${JSON.stringify(expected)}`);
    }
    for (const [name, value] of Object.entries(request.header)) {
      if (exchange.headers.get(name) !== value)
        problems.push(
          `header ${name} sent as ${JSON.stringify(exchange.headers.get(name))}, not ${JSON.stringify(value)}`,
        );
    }
    const sentBody = exchange.body === null || exchange.body === "" ? undefined : exchange.body;
    if (!("body" in request)) {
      if (sentBody !== undefined) problems.push(`a body was sent for a request without one: ${sentBody.slice(0, 100)}`);
    } else if (sentBody === undefined || JSON.stringify(parsed(sentBody)) !== JSON.stringify(request.body)) {
      problems.push(`body sent as ${sentBody ?? "(none)"}, not ${JSON.stringify(request.body)}`);
    }
    if (exchange.headers.get("authorization") !== `Bearer ${this.target.apiKey}`)
      problems.push("no Authorization: Bearer <key> header");
    if (exchange.headers.get("accept") !== "application/json")
      problems.push(`Accept is ${exchange.headers.get("accept")}`);
    if (!/^dcloud-client\/\S+ node\/\S+/.test(exchange.headers.get("user-agent") ?? ""))
      problems.push(`User-Agent is ${exchange.headers.get("user-agent")}`);
    return problems;
  }

  /** Prism's violations and the Schemathesis response checks, for answers the client received. */
  async #answerProblems(exchanges: readonly RecordedExchange[]): Promise<string[]> {
    const problems: string[] = [];
    for (const e of exchanges) {
      if (e.violations) problems.push(`Prism reports sl-violations: ${e.violations}`);
      problems.push(
        ...this.responses.check(this.operation, {
          status: e.status,
          contentType: e.contentType,
          body: await e.responseBody,
        }),
      );
    }
    return problems;
  }
}

/** A fetch that asks Prism for `status` (`Prefer: code=N`), as a server that chose to answer so. */
function preferring(fetch: typeof globalThis.fetch, status: number): typeof globalThis.fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set("prefer", `code=${status}`);
    return fetch(input, { ...init, headers });
  };
}

interface Violation {
  location?: unknown[];
  message?: string;
}

/** Prism's reasons for refusing a request: its `sl-violations` header (the spec's own 422), or its problem+json `validation`. */
function violationsOf(response: Response, text: string): Violation[] {
  const header = response.headers.get("sl-violations");
  try {
    if (header) return JSON.parse(header) as Violation[];
    const problem = JSON.parse(text) as { validation?: Violation[] };
    return Array.isArray(problem.validation) ? problem.validation : [];
  } catch {
    return header ? [{ message: header }] : [];
  }
}

/** Whether a violation is about `field` (`body.workspace_ids` → its location or message names workspace_ids, as a whole word). */
function namesField(violation: Violation, field: string): boolean {
  const name = field === "body" ? "body" : field.split(".").pop()!;
  const text = `${(violation.location ?? []).join(".")} ${violation.message ?? ""}`;
  return new RegExp(`(?<![\\w-])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`, "i").test(text);
}

function parsed(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
