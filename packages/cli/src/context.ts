// What a command's handler gets: the output, the process's environment and streams, and a
// way to the client that resolves the settings first.
import type { DeepsetCloud } from "@dcloud/client";
import type { Output } from "./output/output.js";
import type { Runtime } from "./runtime.js";

export interface CommandContext {
  output: Output;
  env: NodeJS.ProcessEnv;
  runtime: Runtime;
  /** Resolves the API settings (exit 2 / 4 before any request when they are wrong) and makes the client. */
  connect(): Promise<DeepsetCloud>;
}
