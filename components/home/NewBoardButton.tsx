'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { createBoard } from '../../lib/access/new-board';
import { browserStorage } from '../local/browser-storage';
import { useI18n } from '../i18n/I18nProvider';

/** Creates a board on the server (an invite board, whose owner this browser becomes) and opens its edit link. */
export function NewBoardButton() {
  const { t } = useI18n();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    setBusy(true);
    setError(null);
    const result = await createBoard(browserStorage());
    if (result.ok) router.push(result.link);
    else {
      setBusy(false);
      setError(t('home.createFailed', { reason: result.error }));
    }
  };
  return (
    <div className="flex flex-col items-center gap-2">
      <button
        type="button"
        disabled={busy}
        onClick={() => void create()}
        className="rounded-lg bg-blue-600 px-5 py-2.5 font-medium text-white shadow-sm hover:bg-blue-700 disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        {t('home.newBoard')}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
