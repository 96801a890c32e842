export interface Limiter {
  /** Runs `task` once a slot is free and the rate allows it; the slot is held until it settles. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** At most `concurrency` tasks in flight, and at most `rate` started per second (0: no rate limit). */
export function createLimiter(concurrency: number, rate: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  const interval = rate > 0 ? 1000 / rate : 0;
  let nextStart = 0;

  const acquire = async (): Promise<void> => {
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    if (interval > 0) {
      const now = Date.now();
      const at = Math.max(now, nextStart);
      nextStart = at + interval;
      if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
    }
  };
  const release = (): void => {
    const next = waiting.shift();
    // The slot passes straight to the next waiter: `active` stays the same.
    if (next) next();
    else active--;
  };
  return {
    async run(task) {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
