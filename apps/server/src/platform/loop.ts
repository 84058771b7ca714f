/** A background loop for the server's periodic work (the audit sealer, the job scheduler). */

/**
 * Runs `fn` after `firstMs`, then again `everyMs` after each run has finished, so two runs never
 * overlap however long one takes. `fn` is told whether the loop has been stopped, to end long work
 * early. The returned stop function cancels the next run and waits for a running one to finish.
 */
export function every(
  fn: (stopped: () => boolean) => Promise<unknown>,
  opts: { everyMs: number; firstMs?: number; onError?: (err: unknown) => void },
): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    running = fn(() => stopped).catch(opts.onError ?? (() => {}));
    await running;
    if (!stopped) timer = setTimeout(tick, opts.everyMs);
  };
  let timer = setTimeout(tick, opts.firstMs ?? opts.everyMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
