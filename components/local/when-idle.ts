/** Runs `task` when the browser is idle, within `timeoutMs` (where there are no idle callbacks, shortly). */
export function whenIdle(task: () => void, timeoutMs: number): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: timeoutMs });
  else setTimeout(task, 200);
}
