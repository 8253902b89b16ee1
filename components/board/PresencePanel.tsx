import { useId, useSyncExternalStore } from 'react';
import type { BoardSession } from '../../lib/collab/board-session';
import { initials, type Peer } from '../../lib/collab/peers';
import { MAX_NAME_LENGTH } from '../../lib/protocol/limits';
import { useI18n } from '../i18n/I18nProvider';

interface Props {
  session: BoardSession;
  name: string;
  onNameChange: (name: string) => void;
}

function Avatar({ peer }: { peer: Peer }) {
  return (
    <span
      aria-hidden="true"
      className={`grid size-6 shrink-0 place-items-center rounded-full text-[10px] font-semibold text-white ${peer.idle ? 'opacity-50' : ''}`}
      style={{ backgroundColor: peer.color }}
    >
      {initials(peer.name)}
    </span>
  );
}

function PersonLabel({ peer }: { peer: Peer }) {
  const { t } = useI18n();
  return (
    <>
      <Avatar peer={peer} />
      <span className={`truncate ${peer.idle ? 'text-neutral-600 dark:text-neutral-400' : ''}`}>{peer.name}</span>
      {peer.isSelf && <span className="shrink-0 text-neutral-600 dark:text-neutral-400">{t('presence.you')}</span>}
      {peer.idle && <span className="shrink-0 text-xs text-neutral-600 dark:text-neutral-400">{t('presence.idle')}</span>}
    </>
  );
}

/** The own display name and everyone on the board; clicking someone follows them. */
export function PresencePanel({ session, name, onNameChange }: Props) {
  const { t } = useI18n();
  const roster = useSyncExternalStore(session.subscribe, session.getRoster);
  const following = useSyncExternalStore(session.subscribe, session.getFollowing);
  const nameId = useId();
  const countId = useId();
  const count = roster.length;
  return (
    <>
      <div className="flex flex-col gap-1">
        <label htmlFor={nameId} className="text-xs font-medium text-neutral-600 dark:text-neutral-300">
          {t('presence.yourName')}
        </label>
        <input
          id={nameId}
          type="text"
          value={name}
          maxLength={MAX_NAME_LENGTH}
          autoComplete="nickname"
          spellCheck={false}
          onChange={(event) => onNameChange(event.target.value)}
          className="rounded-md border border-neutral-300 bg-white px-2 py-1 text-sm text-neutral-900 dark:border-neutral-600 dark:bg-neutral-800 dark:text-neutral-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
        />
      </div>
      <p id={countId} className="text-xs font-medium text-neutral-600 dark:text-neutral-300">
        {t('presence.count', { count })}
      </p>
      <ul role="list" aria-label={t('presence.collaborators')} aria-describedby={countId} className="flex max-h-64 flex-col gap-0.5 overflow-y-auto">
        {roster.map((peer) => {
          if (peer.isSelf) {
            return (
              <li key={peer.clientId} className="flex items-center gap-2 px-1 py-1 text-sm">
                <PersonLabel peer={peer} />
              </li>
            );
          }
          const isFollowed = following?.clientId === peer.clientId;
          return (
            <li key={peer.clientId} className="text-sm">
              <button
                type="button"
                aria-pressed={isFollowed}
                title={t(isFollowed ? 'presence.stopFollowing' : 'presence.follow', { name: peer.name })}
                onClick={() => (isFollowed ? session.stopFollowing() : session.follow(peer.clientId))}
                className="flex w-full items-center gap-2 rounded-md px-1 py-1 text-left hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-blue-600 aria-pressed:bg-blue-50 dark:hover:bg-neutral-800 dark:aria-pressed:bg-blue-950"
              >
                <span className="sr-only">{`${t('presence.followPrefix')} `}</span>
                <PersonLabel peer={peer} />
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
