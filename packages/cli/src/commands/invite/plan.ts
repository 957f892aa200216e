// `dcloud invite`, one user or a file of them, as one run in named stages:
//   read → check → resolve names → (dry run) → confirm → send → finish.
// Each stage is a function of the plan so far (plain values: the options, the checked rows,
// the destination) that returns the next. The input is read once, into the checked rows
// that every later stage uses. A single invitation is a run of one row: the same outcomes,
// `--json` document and exit codes. Nothing here speaks HTTP (the client does).
import type { DeepsetCloud } from "@dcloud/client";
import type { ColumnOverride } from "../../input/columns.js";
import type { Input } from "../../input/source.js";
import type { RowDefaults } from "../../input/validate.js";
import type { EarlierRun } from "../../report/report.js";
import type { CheckedRows } from "../../rows/checked-rows.js";
import type { Destination, InviteRow, StopReason, Summary } from "../../rows/outcome.js";
import type { Interruption } from "../../sending/interruption.js";
import type { CommandContext } from "../act.js";
import type { NotDone } from "./failed-rows.js";
import type { ResultsPrinter } from "./results.js";

/** What the flags ask for, checked. */
export interface InviteOptions {
  /** --file; undefined for a single invitation given by `single`. */
  file: string | undefined;
  /** The fields of a single invitation, from its flags. */
  single: Record<string, unknown> | undefined;
  /** For rows of a file that leave these empty. */
  defaults: RowDefaults;
  /** --encoding: a WHATWG label, checked; undefined for UTF-8 (or UTF-16 by BOM). */
  encoding: string | undefined;
  /** --column FIELD=HEADER, checked. */
  columns: readonly ColumnOverride[];
  org: string | undefined;
  concurrency: number;
  report: string | undefined;
  /** --failed-rows: where the rows not done are written when the run ends. */
  failedRows: string | undefined;
  resume: boolean;
  dryRun: boolean;
  skipInvalid: boolean;
  yes: boolean;
}

/** What the stages share besides the plan: the command's context, one client, and the interrupts. */
export interface Stage extends CommandContext {
  /** The client, made on first use (the settings are resolved then). */
  client: () => Promise<DeepsetCloud>;
  interruption: Interruption;
}

/** read: the input, opened; what the report says of earlier runs (--resume). */
export interface Read {
  options: InviteOptions;
  input: Input;
  earlier: EarlierRun | undefined;
}

/** check: every row of the input, checked, in input order. */
export interface Checked extends Read {
  rows: CheckedRows;
  /** Which column fills which field (a CSV file's header), as --dry-run prints it. */
  columns: readonly string[];
  /** The workspace names the rows use, each with the lines that use it. */
  namesUsed: ReadonlyMap<string, readonly (number | null)[]>;
}

/** resolve names: the rows with workspace IDs in place of names. */
export interface Resolved extends Read {
  rows: CheckedRows;
  columns: readonly string[];
}

/** confirm: where the invitations go, agreed to. */
export interface Confirmed extends Resolved {
  client: DeepsetCloud;
  destination: Destination;
  /** How text output names the organization: its name with its ID when /me gives it, else the ID. */
  organizationLabel: string;
}

/** send: every row's outcome, printed as it came and counted. */
export interface Sent extends Confirmed {
  summary: Summary;
  stoppedBy: StopReason | null;
  /** Rows an earlier run had finished (--resume). */
  resumed: number;
  printer: ResultsPrinter;
  /** The rows not done, for --failed-rows. */
  notDone: NotDone;
  /** Outcomes the report could not take (it failed): printed, and in the --json document. */
  unrecorded: InviteRow[];
  /** A report line could not be written. */
  reportFailed: boolean;
}
