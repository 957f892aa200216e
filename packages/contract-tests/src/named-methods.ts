// The client's named methods, as data: which operation each one calls, where its arguments come
// from in a request, and what it resolves on success. The checks call an operation through its
// named method (when it has one) exactly as through `dc.api`, with no code of their own per
// operation; a method of the client missing here fails the suite (see `unlistedClientMethods`).
import { DeepsetCloud } from "@dcloud/client";
import type { GeneratedRequest } from "./requests.js";

/** Where an argument comes from: a parameter of the request (`path.organization_id`) or its body. */
export type ArgumentSource = "body" | `${"path" | "query" | "header"}.${string}`;

export interface NamedMethod {
  /** The client method. */
  name: string;
  /** Its arguments before the trailing per-call options, in order. */
  args: ArgumentSource[];
  /** What it resolves on a documented success: the parsed body, or `{ status }`. */
  resolves: "body" | "status";
}

/** By operationId. */
export const NAMED_METHODS: Readonly<Record<string, NamedMethod>> = {
  invite_user_to_organization_api_v1_organization__organization_id__invitation_post: {
    name: "inviteUser",
    args: ["path.organization_id", "body"],
    resolves: "status",
  },
  read_users_me_api_v1_me_get: { name: "getMe", args: [], resolves: "body" },
  list_workspaces_api_v1_workspaces_get: { name: "listWorkspaces", args: [], resolves: "body" },
};

/** The arguments for `method` from `request`; undefined when the request has a part the method does not take. */
export function argumentsFor(method: NamedMethod, request: GeneratedRequest): unknown[] | undefined {
  const present: ArgumentSource[] = [
    ...(["path", "query", "header"] as const).flatMap((part) =>
      Object.keys(request[part]).map((name): ArgumentSource => `${part}.${name}`),
    ),
    ...("body" in request ? (["body"] as const) : []),
  ];
  if (!present.every((source) => method.args.includes(source))) return undefined;
  return method.args.map((source) => {
    if (source === "body") return request.body;
    const [part, name] = source.split(/\.(.*)/s) as ["path" | "query" | "header", string];
    return request[part][name];
  });
}

/** Public methods of the client that NAMED_METHODS does not list. */
export function unlistedClientMethods(): string[] {
  const listed = new Set(Object.values(NAMED_METHODS).map((m) => m.name));
  return Object.getOwnPropertyNames(DeepsetCloud.prototype).filter((name) => {
    const { value } = Object.getOwnPropertyDescriptor(DeepsetCloud.prototype, name) ?? {};
    return name !== "constructor" && typeof value === "function" && !listed.has(name);
  });
}
