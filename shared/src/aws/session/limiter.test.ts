import { Limiter, mapLimited } from './limiter';

describe('Limiter', () => {
  it('never runs more tasks at once than its limit, and runs them all', async () => {
    const limiter = new Limiter(3);
    let running = 0;
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 2));
          running--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('frees the slot of a task that fails', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('rejects a limit below one', () => {
    expect(() => new Limiter(0)).toThrow('at least 1');
  });
});

describe('mapLimited', () => {
  it('keeps results in input order', async () => {
    await expect(mapLimited([30, 10, 20], 2, async (ms) => new Promise<number>((r) => setTimeout(() => r(ms), ms)))).resolves.toEqual([30, 10, 20]);
  });
});
