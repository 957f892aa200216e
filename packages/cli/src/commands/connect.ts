// Resolves the connection settings and makes the client that commands talk through.
import { createDeepsetCloud, type DeepsetCloud } from "@dcloud/client";
import { fetchFor } from "../network/fetch.js";
import { readProxySettings } from "../network/proxy-settings.js";
import { debugLogger } from "../output/debug-logger.js";
import type { Output } from "../output/output.js";
import { type Environment, resolveConnection } from "../settings/connection.js";
import type { GlobalFlags } from "./options.js";

/** `enteredApiKey`: the key `dcloud login` checks, used instead of any other. */
export async function connect(
  flags: GlobalFlags,
  environment: Environment,
  output: Output,
  enteredApiKey?: string,
): Promise<DeepsetCloud> {
  // A malformed proxy URL is a usage error (exit 2), found before the API key is looked for.
  const proxy = readProxySettings(environment.env);
  const settings = await resolveConnection({ ...flags, enteredApiKey }, environment, (message) =>
    output.debug(message),
  );
  output.hideSecret(settings.apiKey.value);
  const fetch = await fetchFor(proxy, settings.baseUrl.value, (message) => output.debug(message));
  return createDeepsetCloud({
    apiKey: settings.apiKey.value,
    baseUrl: settings.baseUrl.value,
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    allowInsecureHttp: settings.allowInsecureHttp,
    fetch,
    logger: debugLogger(output),
  });
}
