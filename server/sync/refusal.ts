import type { ProtocolErrorCode } from '../../lib/protocol';

/** Thrown while handling a client's message: the client is refused with this code and message. */
export class Refusal extends Error {
  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
  ) {
    super(message);
  }
}
