// Type-level tests: `pnpm typecheck` (part of `pnpm test`) fails if these stop holding.
import { describe, expectTypeOf, it } from "vitest";
import type { createDeepsetCloud, UserInvitation, UserMe } from "../../src/index.js";

type Client = ReturnType<typeof createDeepsetCloud>;

describe("types generated from the spec", () => {
  it("make workspace_ids optional (the spec gives it a default) and the others required", () => {
    expectTypeOf<UserInvitation>().toEqualTypeOf<{
      email: string;
      family_name: string;
      given_name: string;
      role: string;
      workspace_ids?: string[];
    }>();
  });

  it("type getMe() from the spec's /me schema", () => {
    expectTypeOf<Awaited<ReturnType<Client["getMe"]>>>().toEqualTypeOf<UserMe>();
    expectTypeOf<UserMe["organization"]["organization_id"]>().toEqualTypeOf<string>();
  });

  it("refuse a body without a required field, at compile time", () => {
    const call = (dc: Client) =>
      // @ts-expect-error role is required by the spec
      dc.inviteUser("org", { email: "a@example.com", given_name: "A", family_name: "B" });
    expectTypeOf(call).toBeFunction();
  });

  it("refuse a path the spec does not have on dc.api, at compile time", () => {
    const call = (dc: Client) =>
      // @ts-expect-error no such path in the spec
      dc.api.GET("/api/v1/nope");
    expectTypeOf(call).toBeFunction();
  });
});
