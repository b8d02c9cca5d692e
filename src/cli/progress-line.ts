// One self-rewriting status line on a terminal while a model is checked: states found, queue,
// depth, rate. Silent off a terminal and under CI, so logs hold only results.

import type { Io } from './io.js';

export interface ProgressLine {
  update(
    label: string,
    p: { distinct: number; generated: number; queue: number; depth: number },
  ): void;
  clear(): void;
}

/** A progress line on stderr, or a no-op when output is not a terminal or CI is set. */
export function progressLine(io: Io): ProgressLine {
  const enabled =
    io.isTTY && (io.env.CI === undefined || io.env.CI === '' || io.env.CI === 'false');
  let shown = false;
  const started = Date.now();
  return {
    update(label, p) {
      if (!enabled) return;
      const secs = Math.max((Date.now() - started) / 1000, 0.001);
      const rate = Math.round(p.distinct / secs);
      io.stderr.write(
        `\r\x1b[2K${label}: ${p.distinct.toLocaleString('en-US')} distinct states, ${p.queue.toLocaleString('en-US')} queued, depth ${p.depth}, ${rate.toLocaleString('en-US')} states/s`,
      );
      shown = true;
    },
    clear() {
      if (enabled && shown) io.stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}
