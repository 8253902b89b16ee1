import { useEffect, useRef, useState } from 'react';

type Outcome = 'idle' | 'copied' | 'manual';

/** Copies the board's link; where the clipboard is not available, shows the link to copy by hand. */
export function ShareButton({ boardId }: { boardId: string }) {
  const [outcome, setOutcome] = useState<Outcome>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const link = typeof window === 'undefined' ? '' : `${window.location.origin}/b/${boardId}`;

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const share = async () => {
    if (timer.current) clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(link);
      setOutcome('copied');
      timer.current = setTimeout(() => setOutcome('idle'), 2500);
    } catch {
      setOutcome('manual');
    }
  };

  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <button
          type="button"
          onClick={() => void share()}
          className="rounded-md bg-blue-600 px-3 py-1 text-sm font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
        >
          Share
        </button>
        <span role="status" className="text-xs text-neutral-600">
          {outcome === 'copied' ? 'Link copied' : ''}
        </span>
      </div>
      {outcome === 'manual' && (
        <label className="flex flex-col gap-0.5 text-xs text-neutral-600">
          Copy this link
          <input
            readOnly
            value={link}
            onFocus={(event) => event.currentTarget.select()}
            autoFocus
            className="rounded border border-neutral-300 px-1.5 py-0.5 text-xs text-neutral-900"
          />
        </label>
      )}
    </div>
  );
}
