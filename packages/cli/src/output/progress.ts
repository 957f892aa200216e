// A progress line on stderr, drawn only when stderr is a terminal (cli-progress, loaded only
// then, so a piped or scripted run pays nothing for it). Lines the run prints meanwhile go
// above it (cli-progress's log), and it is cleared before the summary, so no line on the
// screen is drawn over another. While the client waits out a rate limit, the line says so.
import type { Summary } from "../rows/outcome.js";
import type { Output, Stream } from "./output.js";

export interface Progress {
  tick(summary: Summary): void;
  stop(): void;
}

const NONE: Progress = { tick() {}, stop() {} };

export interface ProgressOptions {
  total: number;
  /** When the rate-limit pause in effect ends (ms since the epoch), if one is. */
  pausedUntil: () => number | undefined;
}

export async function startProgress(output: Output, stream: Stream, options: ProgressOptions): Promise<Progress> {
  // A run of one row has nothing to show progress of: its result is the next line.
  if (output.options.quiet || output.options.json || stream.isTTY !== true || options.total <= 1) return NONE;
  const { default: cliProgress } = await import("cli-progress");
  const bars = new cliProgress.MultiBar(
    {
      stream: stream as NodeJS.WritableStream,
      // The rate-limit wait comes early in the line, so a narrow terminal does not cut it off.
      format:
        "inviting [{bar}] {value}/{total}{waiting} | {invited} invited, {already} already, {invalid} invalid, {failed} failed | {rate}/s",
      // The bar is cut to the terminal's width, so it never wraps; lines printed above it wrap as they need.
      barsize: 10,
      linewrap: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let summary: Summary | undefined;
  const payload = () => {
    const s = summary ?? { invited: 0, already_member: 0, failed: 0, invalid: 0, not_attempted: 0 };
    const seconds = (Date.now() - started) / 1000;
    const done = s.invited + s.already_member + s.failed + s.invalid + s.not_attempted;
    const until = options.pausedUntil();
    return {
      invited: s.invited,
      already: s.already_member,
      invalid: s.invalid,
      failed: s.failed,
      rate: seconds > 0 ? (done / seconds).toFixed(done / seconds >= 10 ? 0 : 1) : "0",
      waiting: until ? ` (rate limited: waiting ${Math.ceil((until - Date.now()) / 1000)} s)` : "",
    };
  };
  const bar = bars.create(options.total, 0, payload());
  // Nothing may finish during a rate-limit pause: the line still counts it down.
  const refresh = setInterval(() => bar.update(payload()), 500);
  output.drawAbove((line) => {
    bars.log(`${line}\n`);
    bars.update();
  });
  return {
    tick(next) {
      summary = next;
      const done = next.invited + next.already_member + next.failed + next.invalid + next.not_attempted;
      bar.update(done, payload());
    },
    stop() {
      if (!bars.isActive) return;
      clearInterval(refresh);
      output.drawAbove(undefined);
      // Lines logged since the last redraw are written first; then the bar is cleared.
      bars.update();
      bars.stop();
    },
  };
}
