// The organization given by --org or the environment: one that can never be sent is one
// usage error before anything else, not a failure per row.
import { describe, expect, it } from "vitest";
import { exitCodeFor } from "../../src/errors.js";
import { checkOrganizationOptions, knownOrganizationId } from "../../src/settings/organization.js";

const usageError = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as { code: "usage"; message: string };
  }
  throw new Error("no error");
};

describe("checkOrganizationOptions", () => {
  it.each(["", "  ", ".", "..", " .. "])("--org %j is a usage error, exit 2", (org) => {
    const error = usageError(() => checkOrganizationOptions({ org, env: {} }));
    expect(error.code).toBe("usage");
    expect(exitCodeFor(error.code)).toBe(2);
    expect(error.message).toMatch(/^--org /);
  });

  it.each([".", ".."])("DEEPSET_CLOUD_ORGANIZATION_ID=%s is a usage error naming the variable", (value) => {
    const error = usageError(() =>
      checkOrganizationOptions({ org: undefined, env: { DEEPSET_CLOUD_ORGANIZATION_ID: value } }),
    );
    expect(error.message).toBe(
      `env DEEPSET_CLOUD_ORGANIZATION_ID is "${value}", which is not an organization ID; give the ID \`dcloud whoami\` shows.`,
    );
  });

  it("--org wins: a good --org is not refused for a bad variable", () => {
    expect(() =>
      checkOrganizationOptions({ org: "org-1", env: { DEEPSET_CLOUD_ORGANIZATION_ID: ".." } }),
    ).not.toThrow();
  });

  it.each(["org-1", "...", ".a", "a..b"])("%j passes", (org) => {
    expect(() => checkOrganizationOptions({ org, env: {} })).not.toThrow();
    expect(knownOrganizationId({ org, env: {} })).toEqual({ value: org, source: "--org" });
  });

  it("nothing given is not an error: /me will tell", () => {
    expect(() => checkOrganizationOptions({ org: undefined, env: {} })).not.toThrow();
  });
});
