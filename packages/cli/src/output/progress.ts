// A progress bar on stderr, drawn only when stderr is a terminal (cli-progress, loaded only
// then, so a piped or scripted run pays nothing for it).
import type { Summary } from "../invite/row.js";
import type { Stream } from "./output.js";

export interface Progress {
  tick(summary: Summary): void;
  stop(): void;
}

const NONE: Progress = { tick() {}, stop() {} };

export async function startProgress(stream: Stream, total: number, enabled: boolean): Promise<Progress> {
  if (!enabled || stream.isTTY !== true || total === 0) return NONE;
  const { default: cliProgress } = await import("cli-progress");
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format: "inviting [{bar}] {value}/{total} | {invited} invited, {already} already, {failed} failed | {rate}/s | eta {eta_formatted}",
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total, 0, { invited: 0, already: 0, failed: 0, rate: "0" });
  return {
    tick(summary) {
      const done = summary.invited + summary.already_member + summary.failed + summary.invalid + summary.not_attempted;
      const seconds = (Date.now() - started) / 1000;
      bar.update(done, {
        invited: summary.invited,
        already: summary.already_member,
        failed: summary.failed,
        rate: seconds > 0 ? (done / seconds).toFixed(1) : "0",
      });
    },
    stop() {
      bar.stop();
    },
  };
}
