// The report writer under a disk that refuses lines: a full disk (/dev/full: ENOSPC) and a
// file size limit that cuts a write part-way (`ulimit -f`: EFBIG). It never throws from its
// timer, and every row it was given is either a whole line of the report or in `unwritten`.
import { spawnSync } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fc, test } from "@fast-check/vitest";
import { buildSync } from "esbuild";
import { describe, expect, it } from "vitest";
import { type ReportFailure, ReportWriter, readReport } from "../../src/report/report.js";
import type { InviteRow } from "../../src/rows/outcome.js";
import { tempDir } from "../helpers/cli.js";

const DESTINATION = { organization_id: "org-1", api_url: "http://127.0.0.1:1" };

function row(i: number): InviteRow {
  return {
    line: i + 1,
    email: `user${i}@example.com`,
    status: "invited",
    http_status: 201,
    attempts: 1,
    request_id: `req-${i}`,
    error: null,
  };
}

/** Any row outcome: the fields a run gives it, in their order, with text of any kind. */
const anyRow: fc.Arbitrary<InviteRow> = fc
  .record(
    {
      line: fc.option(fc.nat(), { nil: null }),
      email: fc.string({ unit: "binary" }),
      status: fc.constantFrom("invited", "already_member", "invalid", "failed", "not_attempted"),
      http_status: fc.option(fc.integer({ min: 100, max: 599 }), { nil: null }),
      attempts: fc.nat(),
      request_id: fc.option(fc.string({ unit: "binary" }), { nil: null }),
      error: fc.option(
        fc.record({
          code: fc.constantFrom("invalid_input", "server_error", "rate_limited"),
          status: fc.option(fc.integer({ min: 400, max: 599 }), { nil: null }),
          message: fc.string({ unit: "binary" }),
        }),
        { nil: null },
      ),
      note: fc.string({ unit: "binary" }),
    },
    { requiredKeys: ["line", "email", "status", "http_status", "attempts", "request_id", "error"] },
  )
  .map((row) => row as InviteRow);

describe("ReportWriter's lines", () => {
  test.prop([fc.array(anyRow, { maxLength: 20 })], { numRuns: 50 })(
    "are each row's fields then the destination's, as one JSON text per line",
    async (rows) => {
      const dir = await tempDir();
      try {
        const path = join(dir, "report.jsonl");
        const writer = ReportWriter.open(path, DESTINATION);
        for (const [i, each] of rows.entries()) {
          writer.write(each);
          if (i % 7 === 6) writer.flush();
        }
        writer.close();
        const expected = rows.map((each) => `${JSON.stringify({ ...each, ...DESTINATION })}\n`).join("");
        expect(await readFile(path, "utf8")).toBe(expected);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("ReportWriter on a full disk (/dev/full)", () => {
  it("records the failure and the rows it could not write instead of throwing from its timer", async () => {
    const failures: ReportFailure[] = [];
    const writer = ReportWriter.open("/dev/full", DESTINATION, { onFailure: (f) => failures.push(f) });
    writer.write(row(1));
    writer.write(row(2));
    await nextTurn();
    await nextTurn();
    expect(failures).toHaveLength(1);
    expect(writer.failure?.code).toBe("ENOSPC");
    expect(writer.failure?.message).toBe("cannot write the report /dev/full: no space left on device (ENOSPC)");
    expect(writer.failure?.unwritten.map((r) => r.email)).toEqual(["user1@example.com", "user2@example.com"]);
    // Rows given after the failure are not written either; they join the list, in order.
    writer.write(row(3));
    writer.flush();
    writer.close();
    writer.close();
    expect(failures).toHaveLength(1);
    expect(writer.failure?.unwritten.map((r) => r.line)).toEqual([2, 3, 4]);
  });
});

describe("ReportWriter under a file size limit (EFBIG part-way through a write)", () => {
  it("counts a row as written exactly when its whole line reached the file", async () => {
    const dir = await tempDir();
    try {
      // The writer runs in a child whose file size limit is 1 KiB: Node ignores SIGXFSZ, so
      // the write that crosses the limit is cut short and the next one fails with EFBIG.
      const script = join(dir, "write-report.mjs");
      buildSync({
        stdin: {
          contents: `
            import { ReportWriter } from ${JSON.stringify(fileURLToPath(new URL("../../src/report/report.ts", import.meta.url)))};
            const [path, count] = process.argv.slice(2);
            const writer = ReportWriter.open(path, ${JSON.stringify(DESTINATION)});
            for (let i = 0; i < Number(count); i++) {
              writer.write({ line: i + 2, email: "user" + i + "@example.com", status: "invited",
                http_status: 201, attempts: 1, request_id: "req-" + i, error: null });
              if (i % 3 === 2) writer.flush();
            }
            writer.close();
            process.stdout.write(JSON.stringify({ code: writer.failure?.code,
              unwritten: writer.failure?.unwritten.map((r) => r.email) ?? [] }));
          `,
          resolveDir: dir,
          loader: "ts",
        },
        bundle: true,
        platform: "node",
        format: "esm",
        outfile: script,
        logLevel: "silent",
      });
      const report = join(dir, "report.jsonl");
      await writeFile(report, "");
      const count = 20;
      const child = spawnSync(
        "bash",
        ["-c", 'ulimit -f 1; exec "$0" "$@"', process.execPath, script, report, `${count}`],
        {
          encoding: "utf8",
        },
      );
      expect(child.stderr).toBe("");
      expect(child.status).toBe(0);
      const { code, unwritten } = JSON.parse(child.stdout) as { code: string; unwritten: string[] };
      expect(code).toBe("EFBIG");
      const recorded = [...(await readReport(report)).finished.keys()];
      expect(recorded.length).toBeGreaterThan(0);
      expect(unwritten.length).toBeGreaterThan(0);
      // Every row exactly once: in the report, or in the list of rows not written.
      const all = [...recorded, ...unwritten].sort();
      expect(all).toEqual(Array.from({ length: count }, (_, i) => `user${i}@example.com`).sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
