'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { BoardSession } from '../../lib/collab/board-session';
import { loadIdentity, saveName } from '../../lib/local/identity';
import { recordRecentBoard } from '../../lib/local/recent-boards';
import { DataPanel } from '../io/DataPanel';
import { browserStorage } from '../local/browser-storage';
import { BoardCanvas } from './BoardCanvas';
import { ConnectionStatus } from './ConnectionStatus';
import { PresencePanel } from './PresencePanel';
import { RemoteCursors } from './RemoteCursors';
import { Toolbar } from './Toolbar';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';

/** A whole board page: canvas, toolbar, people and connection state. */
export default function Board({ boardId }: { boardId: string }) {
  const [identity] = useState(() => loadIdentity(browserStorage()));
  const [session] = useState(() => new BoardSession({ url: window.location.origin, boardId, identity }));
  const [name, setName] = useState(identity.name);
  const connection = useSyncExternalStore(session.subscribe, session.getConnection);
  const { editor } = session;

  useEffect(() => session.start(), [session]);

  useEffect(() => {
    const update = () => session.setNetworkOnline(navigator.onLine);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, [session]);

  useEffect(() => {
    const storage = browserStorage();
    if (storage) recordRecentBoard(storage, boardId, Date.now());
  }, [boardId]);

  useKeyboardShortcuts(editor);

  const rename = (value: string) => {
    setName(value);
    session.setName(value);
    saveName(browserStorage(), value);
  };

  return (
    <main className="fixed inset-0 overflow-hidden bg-white">
      <BoardCanvas editor={editor} onCursor={(point) => session.setCursor(point)} />
      <RemoteCursors session={session} viewport={editor.viewport} />
      <Toolbar editor={editor} />
      <DataPanel boardId={boardId} editor={editor} />
      <aside
        aria-label="Board info"
        className="fixed right-3 top-3 flex w-64 flex-col gap-3 rounded-xl border border-neutral-200 bg-white/95 p-3 shadow-md"
      >
        <ConnectionStatus label={connection} />
        <PresencePanel session={session} name={name} onNameChange={rename} />
      </aside>
    </main>
  );
}
