import { InvalidRequestError } from "../core/error.js";

/**
 * openapi-fetch percent-encodes path parameters but lets `.` and `..` through, and a URL
 * parser then resolves them as dot segments: `..` as an organization ID would send the
 * request to another endpoint. Refuse those (and empty) before anything is sent.
 */
export function checkOrganizationId(organizationId: unknown): string {
  if (typeof organizationId !== "string") {
    throw new InvalidRequestError([{ path: "organization_id", message: "must be a string" }]);
  }
  if (organizationId.trim() === "") {
    throw new InvalidRequestError([{ path: "organization_id", message: "must not be empty" }]);
  }
  if (organizationId === "." || organizationId === "..") {
    throw new InvalidRequestError([
      { path: "organization_id", message: `must not be "${organizationId}" (a dot segment would change the URL's path)` },
    ]);
  }
  return organizationId;
}
