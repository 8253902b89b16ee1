/** Free loopback ports, and waiting for something to listen on one. */
import net from 'node:net';

export { freePort } from '../../../e2e/support/server';

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Resolves once the port accepts connections; rejects if `failed()` says the process died, or after 30 s. */
export async function waitForPort(port: number, failed: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await answers(port))) {
    if (failed()) throw new Error(`the process for port ${port} exited`);
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port} after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
