/**
 * Automatic versions: after a stretch of activity on a board, the server keeps a snapshot that
 * people can go back to, without anyone having to think of it.
 *
 * A version is taken when at least `minUpdates` edits have been made since the last one and
 * `everyMs` has passed since it, checked on each edit and when the board is unloaded (so the
 * last stretch before everyone leaves is kept too).
 */
import * as Y from 'yjs';
import type { Logger } from '../log';
import type { DocStore } from '../store/doc-store';
import { newVersionId } from '../store/ids';

export interface AutoVersionPolicy {
  everyMs: number;
  minUpdates: number;
}

export class AutoVersioner {
  private updatesSince = 0;
  private lastVersionAt = Date.now();
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly boardId: string,
    private readonly doc: Y.Doc,
    private readonly store: DocStore,
    private readonly policy: AutoVersionPolicy,
    private readonly log: Logger,
    /**
     * Asked before a version is kept: false when another instance keeps this one (several
     * instances see the same edits and would each keep a copy). None: always this instance.
     */
    private readonly claim: (() => Promise<boolean>) | null = null,
  ) {
    doc.on('update', this.onUpdate);
  }

  /** Stops listening, taking no version (the room's document is not trusted). */
  stop(): void {
    this.doc.off('update', this.onUpdate);
  }

  /** Takes a last version if the board changed enough, then stops listening. */
  async close(): Promise<void> {
    this.stop();
    if (this.updatesSince >= this.policy.minUpdates) this.save();
    await this.saving;
  }

  private readonly onUpdate = (): void => {
    this.updatesSince++;
    if (this.updatesSince >= this.policy.minUpdates && Date.now() - this.lastVersionAt >= this.policy.everyMs) this.save();
  };

  private save(): void {
    const createdAt = Date.now();
    const snapshot = Y.encodeStateAsUpdateV2(this.doc);
    this.updatesSince = 0;
    this.lastVersionAt = createdAt;
    const name = `Auto-save ${new Date(createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    this.saving = this.saving
      .then(async () => {
        if (this.claim && !(await this.claim())) return;
        await this.store.saveVersion(this.boardId, { id: newVersionId(), name, auto: true, createdAt }, snapshot);
      })
      .catch((error: unknown) => this.log.error({ err: error, boardId: this.boardId }, 'failed to save an automatic version'));
  }
}
