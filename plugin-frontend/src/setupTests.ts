import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Lazy extensions, MUI and msw together take longer than the 1 s default when the whole repository's suites run at
// once; a finder still fails fast when what it waits for never comes, at this bound.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no ResizeObserver, which recharts' ResponsiveContainer needs (every browser has one). The charts render
// at zero size here; tests read their text summaries instead.
class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= NoopResizeObserver as unknown as typeof ResizeObserver;
