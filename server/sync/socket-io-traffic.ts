/**
 * Counts a Socket.IO connection's traffic for the metrics, at Engine.IO's level, through its
 * public 'packet' (received) and 'packetCreate' (queued for sending) events: a broadcast is
 * counted once per recipient it was written for, and a volatile message dropped for a busy
 * socket not at all. A message is a text packet; the binary attachments that follow one (Socket.IO's
 * default parser sends each as a frame of its own) add bytes only.
 */
import type { Socket } from 'socket.io';
import { recordReceived, recordSent } from '../metrics/metrics';

interface EnginePacket {
  type: string;
  data?: unknown;
}

function messageSize(packet: EnginePacket): { bytes: number; messages: number } | null {
  if (packet.type !== 'message') return null;
  const { data } = packet;
  if (typeof data === 'string') return { bytes: Buffer.byteLength(data), messages: 1 };
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) return { bytes: data.byteLength, messages: 0 };
  return null;
}

// Module functions rather than closures made per connection: they need nothing of the connection.
function countReceived(packet: EnginePacket): void {
  const size = messageSize(packet);
  if (size) recordReceived('socket.io', size.bytes, size.messages);
}

function countSent(packet: EnginePacket): void {
  const size = messageSize(packet);
  if (size) recordSent('socket.io', size.bytes, size.messages);
}

export function countSocketIoTraffic(conn: Socket['conn']): void {
  conn.on('packet', countReceived);
  conn.on('packetCreate', countSent);
}
