// What the contract suite checked, per operation of the spec: valid requests, invalid requests
// (by kind), each documented status, the auth checks, and the time spent. Printed as a table at the
// end of the run; an operation left with nothing checked in a column that applies to it fails the run.
import { documentedStatuses } from "./checks.js";
import { hasInputs } from "./requests.js";
import type { SpecOperation } from "./spec.js";

interface Row {
  operation: SpecOperation;
  /** Valid requests checked, by route (`dc.inviteUser()`, `dc.api.POST`). */
  valid: Map<string, number>;
  invalid: Map<string, number>;
  /** How many kinds of invalid request the spec allows for (0: the operation has none). */
  invalidKinds: number;
  statuses: Map<number, number>;
  auth: number;
  ms: number;
}

export class Coverage {
  readonly #rows = new Map<string, Row>();

  constructor(operations: readonly SpecOperation[], invalidKinds: (operation: SpecOperation) => number) {
    for (const operation of operations) {
      this.#rows.set(operation.id, {
        operation,
        valid: new Map(),
        invalid: new Map(),
        invalidKinds: invalidKinds(operation),
        statuses: new Map(documentedStatuses(operation).map((s) => [s, 0])),
        auth: 0,
        ms: 0,
      });
    }
  }

  #row(operation: SpecOperation): Row {
    const row = this.#rows.get(operation.id);
    if (!row) throw new Error(`${operation.label} is not in the coverage table`);
    return row;
  }

  valid(operation: SpecOperation, route: string): void {
    const { valid } = this.#row(operation);
    valid.set(route, (valid.get(route) ?? 0) + 1);
  }

  invalid(operation: SpecOperation, kind: string): void {
    const { invalid } = this.#row(operation);
    invalid.set(kind, (invalid.get(kind) ?? 0) + 1);
  }

  status(operation: SpecOperation, status: number, calls: number): void {
    const { statuses } = this.#row(operation);
    statuses.set(status, (statuses.get(status) ?? 0) + calls);
  }

  auth(operation: SpecOperation, checks: number): void {
    this.#row(operation).auth += checks;
  }

  time(operation: SpecOperation, ms: number): void {
    this.#row(operation).ms += ms;
  }

  /** Each gap, naming the operation: a column that applies to it with nothing checked. */
  gaps(): string[] {
    return [...this.#rows.values()].flatMap(({ operation, valid, invalid, invalidKinds, statuses, auth }) => [
      ...(sum(valid) === 0 ? [`${operation.label}: no valid request checked`] : []),
      ...(invalidKinds > 0 && invalid.size < invalidKinds
        ? [`${operation.label}: ${invalidKinds - invalid.size} of ${invalidKinds} kinds of invalid request not checked`]
        : []),
      ...[...statuses]
        .filter(([, n]) => n === 0)
        .map(([s]) => `${operation.label}: documented status ${s} never checked`),
      ...(operation.secured && auth === 0 ? [`${operation.label}: auth not checked`] : []),
    ]);
  }

  /** The table: one line per operation. */
  render(): string {
    const header = ["operation", "valid requests", "invalid requests", "documented statuses (calls)", "auth", "time"];
    const rows = [...this.#rows.values()].map(({ operation, valid, invalid, invalidKinds, statuses, auth, ms }) => [
      operation.label,
      `${sum(valid)} (${
        [...valid]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([route, n]) => `${route} ${n}`)
          .join(", ") || "none"
      })`,
      invalidKinds === 0
        ? `n/a (${hasInputs(operation) ? "no constraint to break" : "no parameters or body"})`
        : `${sum(invalid)} (${invalid.size} of ${invalidKinds} kinds)`,
      [...statuses].map(([s, n]) => `${s}×${n}`).join(" ") || "none documented",
      operation.secured ? String(auth) : "n/a (public)",
      `${(ms / 1000).toFixed(1)} s`,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd();
    return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
  }
}

function sum(counts: Map<unknown, number>): number {
  return [...counts.values()].reduce((a, b) => a + b, 0);
}
