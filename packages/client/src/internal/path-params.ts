import { defaultPathSerializer } from "openapi-fetch";
import { InvalidRequestError } from "../core/error.js";

/**
 * openapi-fetch's path serializer, which percent-encodes each value, after one check it lacks:
 * `.` and `..` pass through encoding and the URL parser then resolves them as dot segments,
 * so `..` as an organization ID would send the request to another endpoint; an empty value
 * (`//`) does the same. The spec cannot say this of a plain string, so it holds for every
 * path parameter of every operation.
 */
export function checkedPathSerializer(pathname: string, pathParams: Record<string, unknown>): string {
  const issues = Object.entries(pathParams).flatMap(([name, value]) => {
    const text = String(value);
    if (text === "") return [{ path: name, message: "must not be empty" }];
    if (text === "." || text === "..") {
      return [{ path: name, message: `must not be "${text}" (a dot segment would change the URL's path)` }];
    }
    return [];
  });
  if (issues.length > 0) throw new InvalidRequestError(issues);
  return defaultPathSerializer(pathname, pathParams);
}
