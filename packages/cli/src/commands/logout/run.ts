// `dcloud logout`: API_KEY and API_URL removed from ~/.deepset-cloud/.env, and said so.
import { ExitCode } from "../../exit-codes.js";
import { ENV_FILE_LABEL, envFilePath } from "../../settings/env-file.js";
import { removeLogin } from "../../settings/login-file.js";
import { present } from "../../settings/setting.js";
import type { Run } from "../command.js";
import type { LogoutDeclared } from "./command.js";

export const run: Run<LogoutDeclared> = async ({ output, runtime, env }) => {
  const { removed } = await removeLogin(envFilePath(runtime.home));
  if (output.options.json) {
    output.document({ removed });
  } else if (removed.length === 0) {
    output.line(`Not logged in: ${ENV_FILE_LABEL} holds no API key; nothing to remove.`);
  } else {
    output.line(`Logged out: removed ${removed.join(" and ")} from ${ENV_FILE_LABEL}.`);
  }
  // The environment's key still works after logout: say so rather than let it surprise.
  if (present(env.DEEPSET_CLOUD_API_KEY)) {
    output.warn("DEEPSET_CLOUD_API_KEY is still set in the environment; dcloud uses it until it is unset.");
  }
  return ExitCode.Ok;
};
