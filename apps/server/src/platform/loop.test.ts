import { describe, expect, it } from 'vitest';
import { every } from './loop.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('every', () => {
  it('runs again only after a run has finished, and stop waits for the running one', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let finished = 0;
    const stop = every(
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs++;
        await sleep(15); // longer than the interval: a timer-based loop would overlap here
        active--;
        finished++;
      },
      { everyMs: 1, firstMs: 0 },
    );
    await sleep(80);
    await stop();
    expect(runs).toBeGreaterThan(2);
    expect(maxActive).toBe(1);
    expect(finished).toBe(runs); // stop returned only after the last run ended
    const after = runs;
    await sleep(30);
    expect(runs).toBe(after); // and nothing runs after stop
  });

  it('keeps going after a failed run, reporting the error', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const stop = every(
      async () => {
        runs++;
        if (runs === 1) throw new Error('boom');
      },
      { everyMs: 1, firstMs: 0, onError: (e) => errors.push(e) },
    );
    await sleep(40);
    await stop();
    expect(errors).toHaveLength(1);
    expect(runs).toBeGreaterThan(1);
  });

  it('tells a long run that the loop was stopped', async () => {
    let sawStop = false;
    const stop = every(
      async (stopped) => {
        while (!stopped()) await sleep(2);
        sawStop = true;
      },
      { everyMs: 1, firstMs: 0 },
    );
    await sleep(10);
    await stop();
    expect(sawStop).toBe(true);
  });
});
