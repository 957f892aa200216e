import { defaultPathSerializer } from "openapi-fetch";
import { InvalidRequestError, type RequestIssue } from "../core/error.js";

/**
 * openapi-fetch's path serializer, which percent-encodes each value, after one check it lacks:
 * `.` and `..` pass through encoding and the URL parser then resolves them as dot segments,
 * so `..` as an organization ID would send the request to another endpoint; an empty value
 * (`//`) does the same. The spec cannot say this of a plain string, so it holds for every
 * path parameter of every operation.
 */
export function checkedPathSerializer(pathname: string, pathParams: Record<string, unknown>): string {
  const issues: RequestIssue[] = [];
  for (const name in pathParams) {
    const text = String(pathParams[name]);
    if (text === "") issues.push({ path: name, message: "must not be empty" });
    else if (text === "." || text === "..") {
      issues.push({ path: name, message: `must not be "${text}" (a dot segment would change the URL's path)` });
    }
  }
  if (issues.length > 0) throw new InvalidRequestError(issues);
  return defaultPathSerializer(pathname, pathParams);
}
