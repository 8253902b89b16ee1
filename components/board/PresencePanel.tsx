import { useId, useSyncExternalStore } from 'react';
import type { BoardSession } from '../../lib/collab/board-session';
import { initials } from '../../lib/collab/peers';
import { MAX_NAME_LENGTH } from '../../lib/protocol/limits';

interface Props {
  session: BoardSession;
  name: string;
  onNameChange: (name: string) => void;
}

/** The own display name and the list of everyone on the board. */
export function PresencePanel({ session, name, onNameChange }: Props) {
  const roster = useSyncExternalStore(session.subscribe, session.getRoster);
  const nameId = useId();
  return (
    <>
      <div className="flex flex-col gap-1">
        <label htmlFor={nameId} className="text-xs font-medium text-neutral-600">
          Your name
        </label>
        <input
          id={nameId}
          type="text"
          value={name}
          maxLength={MAX_NAME_LENGTH}
          autoComplete="nickname"
          spellCheck={false}
          onChange={(event) => onNameChange(event.target.value)}
          className="rounded-md border border-neutral-300 px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
        />
      </div>
      <ul role="list" aria-label="Collaborators" className="flex max-h-64 flex-col gap-1.5 overflow-y-auto">
        {roster.map((peer) => (
          <li key={peer.clientId} className="flex items-center gap-2 text-sm">
            <span
              aria-hidden="true"
              className="grid size-6 shrink-0 place-items-center rounded-full text-[10px] font-semibold text-white"
              style={{ backgroundColor: peer.color }}
            >
              {initials(peer.name)}
            </span>
            <span className="truncate">{peer.name}</span>
            {peer.isSelf && <span className="shrink-0 text-neutral-500">(you)</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
