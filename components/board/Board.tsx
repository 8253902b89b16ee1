'use client';

import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { authorizedFetch, forgetLinkTokens, openBoardAccess } from '../../lib/access/kept-access';
import { BoardSession } from '../../lib/collab/board-session';
import { loadIdentity, saveName } from '../../lib/local/identity';
import { recordRecentBoard } from '../../lib/local/recent-boards';
import { colorFor } from '../../lib/presence/schema';
import { DataPanel } from '../io/DataPanel';
import { browserStorage } from '../local/browser-storage';
import { indexeddbCopy } from '../local/indexeddb-copy';
import { registerOfflineCacheAfter } from '../local/offline-cache';
import { canvasMeasurer } from '../../lib/render/draw-shape';
import { BoardCanvas } from './BoardCanvas';
import { BoardMenu, GridBackground } from './BoardExtras';
import { HelpDialog } from './HelpDialog';
import { StylePanel } from './StylePanel';
import { TextEditorOverlay } from './TextEditorOverlay';
import { useTheme } from './useTheme';
import { ZoomControls } from './ZoomControls';
import { ChatPanel } from './ChatPanel';
import { ConnectionStatus } from './ConnectionStatus';
import { installDebugHandle } from './debug-handle';
import { FollowIndicator } from './FollowIndicator';
import { Notices } from './Notices';
import { PresenceLayer } from './PresenceLayer';
import { PresencePanel } from './PresencePanel';
import { RemoteCursors } from './RemoteCursors';
import { AccessNotice } from './AccessNotice';
import { ShareDialog } from './ShareDialog';
import { Toolbar } from './Toolbar';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { usePresenceInput } from './usePresenceInput';

const subscribeNever = () => () => {};

/**
 * The board runs in the browser only (it needs the canvas, local storage and a socket): the
 * server and the hydrating browser render a placeholder, then the browser mounts the board.
 */
export default function Board({ boardId }: { boardId: string }) {
  const inBrowser = useSyncExternalStore(subscribeNever, () => true, () => false);
  return inBrowser ? <BoardView boardId={boardId} /> : <p className="p-6 text-neutral-500">Opening the board…</p>;
}

/** A whole board page: canvas, toolbar, people, chat and connection state. */
function BoardView({ boardId }: { boardId: string }) {
  const [identity] = useState(() => loadIdentity(browserStorage()));
  // The link's token (URL fragment) or the one this browser kept for the board.
  const [access] = useState(() => openBoardAccess(browserStorage(), boardId, window.location.hash));
  const [api] = useState(() => authorizedFetch(access.token));
  const [session] = useState(
    () =>
      new BoardSession({
        url: window.location.origin,
        boardId,
        identity,
        localCopy: indexeddbCopy,
        storage: browserStorage(),
        access,
      }),
  );
  const [name, setName] = useState(identity.name);
  const connection = useSyncExternalStore(session.subscribe, session.getConnection);
  const refusal = useSyncExternalStore(session.subscribe, session.getAccessRefusal);
  const { editor } = session;
  const viewOnly = access.role === 'view';

  // A refused or reset link is of no more use: the next visit starts without it.
  useEffect(() => {
    if (refusal) forgetLinkTokens(browserStorage(), boardId);
  }, [refusal, boardId]);

  useEffect(() => session.start(), [session]);
  useEffect(() => registerOfflineCacheAfter(session.whenSynced()), [session]);
  useEffect(() => installDebugHandle(session), [session]);

  useEffect(() => {
    const storage = browserStorage();
    if (storage) recordRecentBoard(storage, boardId, Date.now());
  }, [boardId]);

  const { dark, toggle: toggleTheme } = useTheme();
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  // Text boxes are measured with the canvas's own fonts, so they fit what it draws.
  const [measurer] = useState(() => canvasMeasurer(document.createElement('canvas').getContext('2d')!));
  useEffect(() => editor.setTextMeasurer(measurer), [editor, measurer]);

  useKeyboardShortcuts(editor, openHelp);
  usePresenceInput(session);

  const rename = (value: string) => {
    setName(value);
    session.setName(value);
    saveName(browserStorage(), value);
  };

  return (
    <main className="fixed inset-0 overflow-hidden bg-white dark:bg-[#121212]">
      <GridBackground editor={editor} dark={dark} />
      <BoardCanvas editor={editor} dark={dark} onCursor={(point) => session.setCursor(point)} />
      <PresenceLayer session={session} />
      <TextEditorOverlay editor={editor} measurer={measurer} dark={dark} />
      <RemoteCursors session={session} />
      <FollowIndicator session={session} />
      <Toolbar editor={editor} />
      <StylePanel editor={editor} dark={dark} />
      <ZoomControls editor={editor} />
      <BoardMenu dark={dark} onToggleTheme={toggleTheme} onHelp={openHelp} />
      <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
      <DataPanel boardId={boardId} editor={editor} api={api} canEdit={!viewOnly} canRestore={access.role === 'owner' || access.role === 'bare'} />
      <aside
        aria-label="Board info"
        className="fixed right-3 top-3 flex w-64 flex-col gap-3 rounded-xl border border-neutral-200 bg-white/95 p-3 shadow-md dark:border-neutral-700 dark:bg-neutral-900/95 dark:text-neutral-100"
      >
        <div className="flex items-center justify-between gap-2">
          <ConnectionStatus label={connection} />
          {viewOnly && <span className="rounded-md bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900/60 dark:text-amber-100">View only</span>}
          <ShareDialog boardId={boardId} api={api} isOwner={access.role === 'owner'} />
        </div>
        <PresencePanel session={session} name={name} onNameChange={rename} />
      </aside>
      <Notices store={session.notices} />
      <ChatPanel session={session} readOnly={viewOnly} author={{ name: name.trim() || 'Anonymous', color: colorFor(identity.userId) }} />
      {refusal && <AccessNotice refusal={refusal} />}
    </main>
  );
}
