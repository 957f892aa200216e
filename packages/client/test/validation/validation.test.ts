// Every rule the spec states for the invitation, checked by the validators generated from
// it (src/generated/*-validators.ts): a request that breaks one is refused and nothing is sent.
// The transport checks the request as it is about to travel, so these hold for `dc.api` too.
import { describe, expect, it } from "vitest";
import { createDeepsetCloud, InvalidRequestError, type UserInvitation } from "../../src/index.js";
import { ADA, API_KEY, BASE_URL, json, mockFetch, ORG } from "../helpers/mock-fetch.js";

async function refused(organizationId: unknown, body: unknown) {
  const mock = mockFetch(() => json(201, {}));
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });
  const error = await dc.inviteUser(organizationId as string, body as UserInvitation).catch((e: unknown) => e);
  expect(mock.requests).toHaveLength(0);
  expect(error).toBeInstanceOf(InvalidRequestError);
  return (error as InvalidRequestError).issues;
}

const UUID_A = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

describe("the invitation body is checked against the spec", () => {
  it.each(["email", "given_name", "family_name", "role"])("%s is required", async (field) => {
    const body: Record<string, unknown> = { ...ADA };
    delete body[field];
    expect(await refused(ORG, body)).toEqual([{ path: `body.${field}`, message: "is required" }]);
  });

  it.each(["email", "given_name", "family_name", "role"])("%s must be a string", async (field) => {
    expect(await refused(ORG, { ...ADA, [field]: 42 })).toEqual([{ path: `body.${field}`, message: "must be string" }]);
  });

  it("workspace_ids must be an array", async () => {
    expect(await refused(ORG, { ...ADA, workspace_ids: UUID_A })).toEqual([
      { path: "body.workspace_ids", message: "must be array" },
    ]);
  });

  it("each workspace ID must be a UUID, and the issue names its index", async () => {
    expect(await refused(ORG, { ...ADA, workspace_ids: [UUID_A, "not-a-uuid", UUID_A.slice(1)] })).toEqual([
      { path: "body.workspace_ids.1", message: 'must match format "uuid"' },
      { path: "body.workspace_ids.2", message: 'must match format "uuid"' },
    ]);
  });

  it("each workspace ID must be a string", async () => {
    expect(await refused(ORG, { ...ADA, workspace_ids: [7] })).toEqual([
      { path: "body.workspace_ids.0", message: "must be string" },
    ]);
  });

  it.each([null, [], "ada@example.com"])("the body must be an object, not %j", async (body) => {
    expect(await refused(ORG, body)).toEqual([{ path: "body", message: "must be object" }]);
  });

  it("the body is required", async () => {
    expect(await refused(ORG, undefined)).toEqual([{ path: "body", message: "is required" }]);
  });

  it("every problem is named at once", async () => {
    const issues = await refused(ORG, { email: 1, given_name: "Ada", workspace_ids: ["x"] });
    expect(issues.map((i) => i.path).sort()).toEqual(
      ["body.email", "body.family_name", "body.role", "body.workspace_ids.0"].sort(),
    );
  });

  it("the organization ID is required", async () => {
    expect(await refused(undefined, ADA)).toEqual([{ path: "organization_id", message: "is required" }]);
  });

  it("problems of the path and the body come together", async () => {
    const issues = await refused(null, { ...ADA, role: undefined });
    expect(issues).toEqual([
      { path: "organization_id", message: "is required" },
      { path: "body.role", message: "is required" },
    ]);
  });

  it("the error message lists each issue", async () => {
    const mock = mockFetch(() => json(201, {}));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });
    const error = (await dc.inviteUser(ORG, { ...ADA, workspace_ids: ["x"] }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('Invalid request: body.workspace_ids.0: must match format "uuid"');
  });
});

describe("what the spec allows is sent", () => {
  it.each([
    ["no workspace_ids", ADA],
    ["an empty workspace_ids", { ...ADA, workspace_ids: [] }],
    ["upper-case UUIDs", { ...ADA, workspace_ids: [UUID_A.toUpperCase()] }],
    ["a property the spec does not list (it does not forbid them)", { ...ADA, note: "hi" }],
    ["empty strings (the spec sets no minimum length; the server judges)", { ...ADA, given_name: "" }],
  ])("%s", async (_what, body) => {
    const mock = mockFetch(() => json(201, {}));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });
    await expect(dc.inviteUser(ORG, body as UserInvitation)).resolves.toMatchObject({ status: 201 });
    expect(mock.requests).toHaveLength(1);
  });
});
