// `dcloud whoami`: GET /api/v1/me, printed.
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { renderMe } from "../output/whoami.js";

export async function whoami({ connect, output }: CommandContext): Promise<ExitCode> {
  const client = await connect();
  renderMe(output, await client.getMe());
  return ExitCode.Ok;
}
