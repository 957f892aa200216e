// `dcloud invite`: its flags, checked and turned into the run's options; then the run's
// stages, in order (plan.ts), with the interrupts listened to and the input let go of
// however the run ends.
import { CliError } from "../../errors.js";
import { parseColumnOverrides } from "../../input/columns.js";
import { encodingOf } from "../../input/decode.js";
import { Interruption } from "../../sending/interruption.js";
import { checkOrganizationOptions } from "../../settings/organization.js";
import { once } from "../../util/once.js";
import type { FlagsOf, Run } from "../command.js";
import { check } from "./check.js";
import type { InviteDeclared } from "./command.js";
import { DEFAULT_CONCURRENCY } from "./concurrency.js";
import { confirm } from "./confirm.js";
import { dryRun } from "./dry-run.js";
import { finish } from "./finish.js";
import type { InviteOptions, Read, Stage } from "./plan.js";
import { read } from "./read.js";
import { resolveNames } from "./resolve-names.js";
import { send } from "./send.js";

type InviteFlags = FlagsOf<InviteDeclared>;

export const run: Run<InviteDeclared> = async (context, command) => {
  const flags = command.optsWithGlobals();
  const { output, runtime, env } = context;
  // An organization that can never be sent fails once, here, not once per row.
  checkOrganizationOptions({ org: flags.org, env });
  checkCombination(flags);
  const options = optionsOf(flags);
  const interruption = new Interruption(runtime, (message) => output.warn(message));
  const stage: Stage = { ...context, client: once(() => context.connect()), interruption };
  let opened: Read | undefined;
  try {
    opened = await read(options, stage);
    const resolved = await resolveNames(await check(opened, stage), stage);
    if (options.dryRun) return await dryRun(resolved, stage);
    return await finish(await send(await confirm(resolved, stage), stage), stage);
  } finally {
    // Signals are listened to until the input (standard input, a pipe) is let go of.
    await opened?.input.dispose();
    interruption.dispose();
  }
};

function optionsOf(flags: InviteFlags): InviteOptions {
  const inFile = flags.file !== undefined;
  return {
    file: flags.file,
    single: inFile
      ? undefined
      : {
          email: flags.email,
          given_name: flags.givenName,
          family_name: flags.familyName,
          role: flags.role,
          workspace_ids: flags.workspaceId,
          workspaces: flags.workspace,
        },
    defaults: inFile ? { role: flags.role, workspaceIds: flags.workspaceId, workspaceNames: flags.workspace } : {},
    encoding: flags.encoding,
    // Usage errors for a malformed FIELD=HEADER, an unknown field, a field mapped twice.
    columns: parseColumnOverrides(flags.column ?? []),
    org: flags.org,
    concurrency: flags.concurrency ?? DEFAULT_CONCURRENCY,
    report: flags.report,
    failedRows: flags.failedRows,
    resume: flags.resume === true,
    dryRun: flags.dryRun === true,
    skipInvalid: flags.skipInvalid === true,
    yes: flags.yes === true,
  };
}

/** Flags that only make sense together, refused before anything is read or sent. */
function checkCombination(flags: InviteFlags): void {
  const fileOnly = {
    "--report": flags.report,
    "--resume": flags.resume,
    "--dry-run": flags.dryRun,
    "--skip-invalid": flags.skipInvalid,
    "--concurrency": flags.concurrency,
    "--failed-rows": flags.failedRows,
    "--encoding": flags.encoding,
    "--column": flags.column,
  };
  if (flags.file === undefined) {
    const used = Object.entries(fileOnly)
      .filter(([, value]) => value !== undefined)
      .map(([name]) => name);
    if (used.length > 0) throw new CliError("usage", `${used.join(", ")} go(es) with --file.`);
    const missing = (
      [
        ["--email", flags.email],
        ["--given-name", flags.givenName],
        ["--family-name", flags.familyName],
        ["--role", flags.role],
      ] as const
    ).filter(([, value]) => value === undefined);
    if (missing.length > 0) {
      throw new CliError(
        "usage",
        `Missing ${missing.map(([name]) => name).join(", ")} (or pass --file to invite the users of a file).`,
      );
    }
    return;
  }
  const perUser = { "--email": flags.email, "--given-name": flags.givenName, "--family-name": flags.familyName };
  const used = Object.entries(perUser)
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name);
  if (used.length > 0)
    throw new CliError("usage", `${used.join(", ")} cannot be combined with --file: the file gives each user.`);
  if (flags.dryRun && flags.failedRows !== undefined)
    throw new CliError("usage", "--dry-run sends nothing, so no row can fail: --failed-rows has nothing to write.");
  if (flags.resume && flags.report === undefined)
    throw new CliError("usage", "--resume needs --report PATH: the report says which rows are done.");
  if (flags.file === "-" && flags.apiKeyFile === "-")
    throw new CliError("usage", "--file - and --api-key-file - cannot both read stdin.");
  // An encoding label dcloud cannot decode is a usage error now, before anything is read.
  if (flags.encoding !== undefined) encodingOf(flags.encoding);
}
