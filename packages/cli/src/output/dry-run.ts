// `--dry-run`: what would be sent, and nothing is.
import type { UserInvitation } from "@dcloud/client";
import type { Output } from "./output.js";

export interface DryRun {
  method: "POST";
  path: string;
  requests: { line: number | null; body: UserInvitation }[];
  invalid: number;
}

export function renderDryRun(output: Output, run: DryRun): void {
  if (output.options.json) {
    output.document({ dry_run: run });
    return;
  }
  output.line(
    `dry run: ${run.requests.length} invitation(s) would be sent as ${run.method} ${run.path}; nothing was sent.`,
  );
  for (const r of run.requests) output.line(`  line ${r.line}  ${JSON.stringify(r.body)}`);
  if (run.invalid > 0) output.line(`${run.invalid} invalid row(s) would be reported as invalid (--skip-invalid).`);
}
