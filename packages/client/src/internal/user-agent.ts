import { VERSION } from "../version.js";

export function userAgent(): string {
  const node = typeof process === "object" ? process.versions?.node : undefined;
  return `dcloud-client/${VERSION}${node ? ` node/${node}` : ""}`;
}
