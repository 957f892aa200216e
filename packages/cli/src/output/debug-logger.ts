// The client's logger for --debug: one stderr line per request and response
// (method, URL, status, duration, request id). The client never passes it the key.
import type { Logger } from "@dcloud/client";
import type { Output } from "./output.js";

export function debugLogger(output: Output): Logger | undefined {
  if (!output.options.debug) return undefined;
  const log = (message: string) => output.debug(message);
  return { debug: log, info: log, warn: log, error: log };
}
