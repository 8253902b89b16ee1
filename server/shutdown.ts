/**
 * What the drain on SIGTERM needs beside the parts it stops (app.ts runs it): the upgraded
 * connections of both transports, followed until their sockets close, and one deadline for it all.
 */
import type { Duplex } from 'node:stream';

/** The sockets of WebSocket connections (Socket.IO and /yjs), until each has closed. */
export class UpgradedSockets {
  private readonly sockets = new Set<Duplex>();
  private waiters: Array<() => void> = [];

  add(socket: Duplex): void {
    if (socket.destroyed) return;
    this.sockets.add(socket);
    socket.once('close', () => {
      this.sockets.delete(socket);
      if (this.sockets.size > 0) return;
      for (const resolve of this.waiters.splice(0)) resolve();
    });
  }

  get size(): number {
    return this.sockets.size;
  }

  /** Resolves once no upgraded socket is open (those opened meanwhile included). */
  allClosed(): Promise<void> {
    if (this.sockets.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}

/** A promise that resolves after `ms` without keeping the process alive. */
export function deadlineIn(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** True if `work` settled before `deadline`, false if the deadline came first. */
export function finishesBefore(work: Promise<unknown>, deadline: Promise<void>): Promise<boolean> {
  return Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    deadline.then(() => false),
  ]);
}
