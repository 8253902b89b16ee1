/**
 * Calls `run` at most once per `ms`: at once if the last call is that long ago, else once at the
 * end of the interval (so the latest state always goes out). `flush` runs a pending call now.
 * `ms` may be a function, read at each call, for an interval that follows the load.
 */
export interface Throttled {
  (): void;
  flush(): void;
  cancel(): void;
}

export function throttle(run: () => void, ms: number | (() => number), now: () => number = Date.now): Throttled {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    timer = null;
    last = now();
    run();
  };
  const call = (() => {
    if (timer) return;
    const wait = last + (typeof ms === 'number' ? ms : ms()) - now();
    if (wait <= 0) fire();
    else timer = setTimeout(fire, wait);
  }) as Throttled;
  call.flush = () => {
    if (!timer) return;
    clearTimeout(timer);
    fire();
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return call;
}
