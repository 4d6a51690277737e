/**
 * The Worker's liveness lock (app/sim/client.ts): the Worker holds a Web Lock named after
 * itself for its whole life and then tells the page; the browser releases the lock when the
 * Worker dies, for any reason, which wakes the page's waiting request.
 */
export const LOCK_HELD = 'msix-lab-lock-held';

/** Locks are shared by every tab of the origin: the name must be unique to this page's Worker. */
export const lockName = (n: number, page: string): string => `msix-lab-core-${page}-${n}`;

/** Called once in the Worker. Never resolves the lock callback: only death releases it. */
export function holdLivenessLock(name: string, post: (m: unknown) => void): void {
  if (!('locks' in navigator)) return;
  void navigator.locks.request(name, () => {
    post({ type: LOCK_HELD });
    return new Promise<never>(() => {});
  });
}
