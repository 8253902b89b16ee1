'use client';

import dynamic from 'next/dynamic';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { authorizedFetch, forgetLinkTokens, openBoardAccess } from '../../lib/access/kept-access';
import { BoardSession } from '../../lib/collab/board-session';
import { loadIdentity, saveName } from '../../lib/local/identity';
import { boardTitle, recordRecentBoard, recordRecentTitle } from '../../lib/local/recent-boards';
import { colorFor } from '../../lib/presence/schema';
import { DataPanel } from '../io/DataPanel';
import { browserStorage } from '../local/browser-storage';
import { indexeddbCopy } from '../local/indexeddb-copy';
import { registerOfflineCacheAfter } from '../local/offline-cache';
import { canvasMeasurer } from '../../lib/render/draw-shape';
import { BoardCanvas } from './BoardCanvas';
import { BoardTitle, useBoardTitle } from './BoardTitle';
import { BoardInfo, BoardMenu, GridBackground } from './BoardExtras';
import { StylePanel } from './StylePanel';
import { TextEditorOverlay } from './TextEditorOverlay';
import { useTheme } from './useTheme';
import { ZoomControls } from './ZoomControls';
import { ChatPanel } from './ChatPanel';
import { installDebugHandle } from './debug-handle';
import { dismissFirstViewWhenShown } from './first-view';
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
import { msg, translate } from '../../lib/i18n';
import { useI18n } from '../i18n/I18nProvider';
import { OpeningBoard } from './OpeningBoard';
import { LanguageSelect } from '../i18n/LanguageSelect';
import { useOpenedOnce } from '../ui/use-opened-once';

/** The shortcut list loads when it is first asked for. */
const HelpDialog = dynamic(() => import('./HelpDialog').then((module) => module.HelpDialog));

const subscribeNever = () => () => {};

/**
 * The board runs in the browser only (it needs the canvas, local storage and a socket): the
 * server and the hydrating browser render a placeholder, then the browser mounts the board.
 */
export default function Board({ boardId }: { boardId: string }) {
  const inBrowser = useSyncExternalStore(subscribeNever, () => true, () => false);
  return inBrowser ? <BoardView boardId={boardId} /> : <OpeningBoard />;
}

/** A whole board page: canvas, toolbar, people, chat and connection state. */
function BoardView({ boardId }: { boardId: string }) {
  const { t, locale } = useI18n();
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
  useEffect(() => dismissFirstViewWhenShown({ whenSynced: () => session.whenSynced(), subscribeViewport: editor.subscribeViewport }), [session, editor]);

  useEffect(() => {
    const storage = browserStorage();
    if (storage) recordRecentBoard(storage, boardId, Date.now());
  }, [boardId]);

  // The title names the browser tab and the board in the recent-boards list.
  const title = useBoardTitle(editor);
  useEffect(() => {
    document.title = translate(locale, msg('app.withName', { title: boardTitle(boardId, title) }));
    const storage = browserStorage();
    if (storage) recordRecentTitle(storage, boardId, title);
  }, [boardId, title, locale]);

  const { dark, toggle: toggleTheme } = useTheme();
  const [helpOpen, setHelpOpen] = useState(false);
  const helpMounted = useOpenedOnce(helpOpen);
  // On narrow screens at most one of the collapsed panels is open, so that they never cover each other.
  const [openPanel, setOpenPanel] = useState<'menu' | 'people' | null>(null);
  const togglePanel = (panel: 'menu' | 'people') => setOpenPanel(openPanel === panel ? null : panel);
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
      {/* Top: the board's title and file actions on the left, connection and people on the right. */}
      <div className="pointer-events-none fixed inset-x-3 top-3 z-10 flex items-start justify-between gap-2">
        <div className="flex min-w-0 flex-1 flex-col items-start gap-2">
          <div className="flex max-w-full items-center gap-2">
            <BoardTitle editor={editor} title={title} />
            {viewOnly && <span className="pointer-events-auto shrink-0 rounded-md bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900/60 dark:text-amber-100">{t('board.viewOnly')}</span>}
          </div>
          <DataPanel
            boardId={boardId}
            editor={editor}
            api={api}
            canEdit={!viewOnly}
            canRestore={access.role === 'owner' || access.role === 'bare'}
            menuOpen={openPanel === 'menu'}
            onToggleMenu={() => togglePanel('menu')}
          />
        </div>
        <BoardInfo connection={connection} peopleOpen={openPanel === 'people'} onTogglePeople={() => togglePanel('people')}>
          <ShareDialog boardId={boardId} api={api} isOwner={access.role === 'owner'} />
          <PresencePanel session={session} name={name} onNameChange={rename} />
          <LanguageSelect className="self-start" />
        </BoardInfo>
      </div>
      {/*
        Bottom, in rows that cannot overlap: the style bar, then zoom / chat / theme, then (on narrow
        screens) the tools. On wide screens the tools sit at the top centre and the style bar at the
        bottom centre, out of this flow.
      */}
      <div className="pointer-events-none fixed inset-x-3 bottom-3 flex flex-col items-center gap-2">
        <Toolbar editor={editor} />
        <StylePanel editor={editor} dark={dark} />
        <div className="flex w-full flex-wrap items-end justify-between gap-2">
          <ZoomControls editor={editor} />
          <div className="pointer-events-auto ml-auto flex items-end gap-2">
            <ChatPanel session={session} readOnly={viewOnly} author={{ name: name.trim() || t('board.anonymous'), color: colorFor(identity.userId) }} />
            <BoardMenu dark={dark} onToggleTheme={toggleTheme} onHelp={openHelp} />
          </div>
        </div>
      </div>
      {helpMounted && <HelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />}
      <Notices store={session.notices} />
      {refusal && <AccessNotice refusal={refusal} />}
    </main>
  );
}
