// Where the invitations go — the organization (--org, the environment, else the key's own
// from GET /api/v1/me) at the client's API URL — checked against the report of an earlier run
// (--resume): a report written for another organization or API URL is refused, never read as
// "done". The real run (confirm) and --dry-run --resume take it from here alike.
import type { DeepsetCloud, UserMe } from "@dcloud/client";
import { checkSameDestination } from "../../report/report.js";
import type { Destination } from "../../rows/outcome.js";
import { resolveOrganizationId } from "../../settings/organization.js";
import { once } from "../../util/once.js";
import type { Read, Stage } from "./plan.js";

export interface Bound {
  client: DeepsetCloud;
  destination: Destination;
  /** GET /api/v1/me, asked once at most. */
  me: () => Promise<UserMe>;
  /** True once /me has been asked (for the organization, say). */
  meAsked: () => boolean;
}

export async function destinationOf({ options, earlier }: Read, { output, env, client }: Stage): Promise<Bound> {
  const dc = await client();
  let asked = false;
  const me = once(() => {
    asked = true;
    return dc.getMe();
  });
  const organization = await resolveOrganizationId({ org: options.org, env, lookUpMe: me });
  output.debug(`organization ${organization.value} (from ${organization.source})`);
  const destination: Destination = { organization_id: organization.value, api_url: dc.baseUrl };
  if (earlier && options.report) {
    checkSameDestination(options.report, earlier, destination);
    if (earlier.unreadable > 0) {
      output.warn(
        `${options.report}: ${earlier.unreadable} line(s) are not JSON (a torn end of a killed run?); they are ignored.`,
      );
    }
  }
  return { client: dc, destination, me, meAsked: () => asked };
}
