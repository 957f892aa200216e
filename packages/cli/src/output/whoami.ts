import type { UserMe } from "@dcloud/client";
import type { Output } from "./output.js";

/** Under --json, exactly the /me body (extra fields included); otherwise who and which organization. */
export function renderMe(output: Output, me: UserMe): void {
  if (output.options.json) {
    output.document(me);
    return;
  }
  const name = [me.given_name, me.family_name].filter(Boolean).join(" ");
  output.line(`${output.out.bold(name || me.email)} <${me.email}>`);
  output.line(`user ID:       ${me.user_id}`);
  output.line(`organization:  ${me.organization.name} (${me.organization.organization_id})`);
}
