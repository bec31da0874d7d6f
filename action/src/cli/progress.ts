import type { CliIo } from './run-cli';

const DELAY_MS = 1000;
const EVERY_MS = 100;

/** A progress line on a terminal for scans that take more than a second; silent otherwise. */
export function progressReporter(io: CliIo): { update: (done: number, total: number) => void; done: () => void } {
  if (!io.stderrIsTTY || io.env.CI) return { update: () => undefined, done: () => undefined };
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - started < DELAY_MS || now - last < EVERY_MS) return;
      last = now;
      shown = true;
      io.stderr(`\rscanning… ${done}/${total} files`);
    },
    done() {
      if (shown) io.stderr('\r\u001b[K');
    },
  };
}
