/**
 * The board's chat: `doc.getArray('chat')` of plain message objects (chatMessageSchema), so the
 * history loads, syncs and persists with the board. Messages are appended, never edited; entries
 * that do not match the schema are skipped. Unread counting follows a read marker (the id of the
 * last message seen), which the caller may keep across reloads.
 */
import type * as Y from 'yjs';
import { CHAT_KEY, newShapeId } from '../board/doc';
import { type ChatMessage, chatMessageSchema, MAX_CHAT_TEXT_LENGTH } from '../board/schema';

/** Edits of the chat carry this origin (not the shapes' undo origin: chat is not undone). */
export const CHAT_ORIGIN = Symbol('tabula.chat');

export interface ChatAuthor {
  id: string;
  name: string;
  color: string;
}

export function getChatArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(CHAT_KEY);
}

/** The text as it would be sent: trimmed and cut at the length cap; empty means nothing to send. */
export function chatText(text: string): string {
  return text.trim().slice(0, MAX_CHAT_TEXT_LENGTH).trim();
}

export class ChatLog {
  private readonly array: Y.Array<unknown>;
  private cache: readonly ChatMessage[] = [];
  private marker: string | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly clock: () => number = Date.now,
  ) {
    this.array = getChatArray(doc);
    this.array.observe(this.onChange);
    this.cache = this.read();
  }

  /** Valid messages in order. The same array until the chat changes. */
  getMessages = (): readonly ChatMessage[] => this.cache;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Appends a message; returns it, or null when the text is blank. */
  send(author: ChatAuthor, text: string): ChatMessage | null {
    const cleaned = chatText(text);
    if (!cleaned) return null;
    const message = chatMessageSchema.parse({
      id: newShapeId(),
      authorId: author.id.slice(0, 128),
      author: author.name.slice(0, 64),
      color: author.color,
      text: cleaned,
      at: Math.max(0, Math.floor(this.clock())),
    });
    this.doc.transact(() => this.array.push([message]), CHAT_ORIGIN);
    // One's own message is read.
    this.marker = message.id;
    this.emit();
    return message;
  }

  get readMarker(): string | null {
    return this.marker;
  }

  /** Marks everything so far as read (the panel is open, or the history loaded on first visit). */
  markAllRead(): void {
    const last = this.cache.at(-1)?.id ?? null;
    if (last === this.marker) return;
    this.marker = last;
    this.emit();
  }

  setReadMarker(id: string | null): void {
    this.marker = id;
    this.emit();
  }

  /** Messages by others after the read marker (all of them if the marker is unknown). */
  unreadCount(selfUserId: string): number {
    const messages = this.cache;
    let start = 0;
    if (this.marker !== null) {
      const index = messages.findIndex((message) => message.id === this.marker);
      start = index + 1;
    }
    let count = 0;
    for (let i = start; i < messages.length; i++) if (messages[i]!.authorId !== selfUserId) count++;
    return count;
  }

  destroy(): void {
    this.array.unobserve(this.onChange);
    this.listeners.clear();
  }

  private read(): ChatMessage[] {
    const messages: ChatMessage[] = [];
    for (const item of this.array.toArray()) {
      const parsed = chatMessageSchema.safeParse(item);
      if (parsed.success) messages.push(parsed.data);
    }
    return messages;
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  private readonly onChange = (): void => {
    this.cache = this.read();
    this.emit();
  };
}
