'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { BoardSession } from '../../lib/collab/board-session';
import { loadIdentity, saveName } from '../../lib/local/identity';
import { recordRecentBoard } from '../../lib/local/recent-boards';
import { colorFor } from '../../lib/presence/schema';
import { DataPanel } from '../io/DataPanel';
import { browserStorage } from '../local/browser-storage';
import { indexeddbStore } from '../local/indexeddb-store';
import { registerOfflineCache } from '../local/offline-cache';
import { BoardCanvas } from './BoardCanvas';
import { ChatPanel } from './ChatPanel';
import { ConnectionStatus } from './ConnectionStatus';
import { installDebugHandle } from './debug-handle';
import { FollowIndicator } from './FollowIndicator';
import { Notices } from './Notices';
import { PresenceLayer } from './PresenceLayer';
import { PresencePanel } from './PresencePanel';
import { RemoteCursors } from './RemoteCursors';
import { ShareButton } from './ShareButton';
import { Toolbar } from './Toolbar';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { usePresenceInput } from './usePresenceInput';

/** A whole board page: canvas, toolbar, people, chat and connection state. */
export default function Board({ boardId }: { boardId: string }) {
  const [identity] = useState(() => loadIdentity(browserStorage()));
  const [session] = useState(
    () =>
      new BoardSession({
        url: window.location.origin,
        boardId,
        identity,
        localStore: indexeddbStore,
        storage: browserStorage(),
      }),
  );
  const [name, setName] = useState(identity.name);
  const connection = useSyncExternalStore(session.subscribe, session.getConnection);
  const { editor } = session;

  useEffect(() => session.start(), [session]);
  useEffect(() => registerOfflineCache(), []);
  useEffect(() => installDebugHandle(session), [session]);

  useEffect(() => {
    const storage = browserStorage();
    if (storage) recordRecentBoard(storage, boardId, Date.now());
  }, [boardId]);

  useKeyboardShortcuts(editor);
  usePresenceInput(session);

  const rename = (value: string) => {
    setName(value);
    session.setName(value);
    saveName(browserStorage(), value);
  };

  return (
    <main className="fixed inset-0 overflow-hidden bg-white">
      <BoardCanvas editor={editor} onCursor={(point) => session.setCursor(point)} />
      <PresenceLayer session={session} />
      <RemoteCursors session={session} />
      <FollowIndicator session={session} />
      <Toolbar editor={editor} />
      <DataPanel boardId={boardId} editor={editor} />
      <aside
        aria-label="Board info"
        className="fixed right-3 top-3 flex w-64 flex-col gap-3 rounded-xl border border-neutral-200 bg-white/95 p-3 shadow-md"
      >
        <div className="flex items-center justify-between gap-2">
          <ConnectionStatus label={connection} />
          <ShareButton boardId={boardId} />
        </div>
        <PresencePanel session={session} name={name} onNameChange={rename} />
      </aside>
      <Notices session={session} />
      <ChatPanel session={session} author={{ name: name.trim() || 'Anonymous', color: colorFor(identity.userId) }} />
    </main>
  );
}
