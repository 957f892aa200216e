// `dcloud workspaces`: GET /api/v1/workspaces, printed.
import type { CommandContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { renderWorkspaces } from "../output/workspaces.js";

export async function workspaces({ connect, output }: CommandContext): Promise<ExitCode> {
  const client = await connect();
  renderWorkspaces(output, await client.listWorkspaces());
  return ExitCode.Ok;
}
