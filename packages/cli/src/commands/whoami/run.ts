// `dcloud whoami`: GET /api/v1/me, printed.
import type { UserMe } from "@dcloud/client";
import { ExitCode } from "../../exit-codes.js";
import type { Output } from "../../output/output.js";
import type { Run } from "../command.js";
import type { WhoamiDeclared } from "./command.js";

export const run: Run<WhoamiDeclared> = async ({ connect, output }) => {
  const client = await connect();
  renderMe(output, await client.getMe());
  return ExitCode.Ok;
};

/** Under --json, exactly the /me body (extra fields included); otherwise who and which organization. */
function renderMe(output: Output, me: UserMe): void {
  if (output.options.json) {
    output.document(me);
    return;
  }
  const name = [me.given_name, me.family_name].filter(Boolean).join(" ");
  output.line(`${output.out.bold(name || me.email)} <${me.email}>`);
  output.line(`user ID:       ${me.user_id}`);
  output.line(`organization:  ${me.organization.name} (${me.organization.organization_id})`);
}
