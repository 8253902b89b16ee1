import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { Editor } from '../../lib/editor/editor';
import { applyRestorePlan, isEmptyPlan, planRestore, splitRestorePlan, storedShapes } from '../../lib/history/restore';
import {
  fetchVersion,
  listVersions,
  MAX_VERSION_NAME_LENGTH,
  saveVersion,
  type VersionContent,
  type VersionInfo,
} from '../../lib/history/versions-api';
import { nextFrame } from '../ui/next-frame';
import { PRIMARY_BUTTON, SECONDARY_BUTTON } from '../ui/styles';
import { shapeCount, versionLabel } from './version-label';
import { VersionPreview } from './VersionPreview';
import { type Message, msg, words } from '../../lib/i18n';
import { useI18n } from '../i18n/I18nProvider';

/** While the panel is open, the list is refreshed this often (the server adds automatic saves). */
const REFRESH_MS = 15_000;

interface Props {
  id: string;
  boardId: string;
  editor: Editor;
  /** fetch for the board's API with the page's token. */
  api: typeof fetch;
  /** Saving needs an edit link; restoring is offered to the board's owner (lib/access). */
  canSave: boolean;
  canRestore: boolean;
}

/** The board's saved versions: save one now, preview one, restore one (an edit Undo reverts). */
export function HistoryPanel({ id, boardId, editor, api, canSave, canRestore }: Props) {
  const { t, locale } = useI18n();
  const { notices } = editor;
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [loadError, setLoadError] = useState<Message | null>(null);
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [preview, setPreview] = useState<VersionContent | null>(null);
  const closePreview = useCallback(() => setPreview(null), []);

  const refresh = useCallback(async () => {
    const result = await listVersions(boardId, api);
    if (result.ok) {
      setVersions(result.value);
      setLoadError(null);
    } else {
      setLoadError(msg('history.loadFailed', { reason: result.error }));
    }
  }, [boardId, api]);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const result = await saveVersion(boardId, name, api);
    setSaving(false);
    if (!result.ok) {
      notices.push('error', msg('history.saveFailed', { reason: result.error }));
      return;
    }
    setName('');
    notices.push('info', msg('history.saved', { label: versionLabel(result.value) }));
    setVersions((list) => [result.value, ...(list ?? []).filter((version) => version.id !== result.value.id)]);
    void refresh();
  };

  const load = async (version: VersionInfo): Promise<VersionContent | null> => {
    const result = await fetchVersion(boardId, version.id, api);
    if (result.ok) return result.value;
    notices.push('error', msg('history.versionLoadFailed', { label: versionLabel(version), reason: result.error }));
    return null;
  };

  const restore = async (content: VersionContent) => {
    editor.cancelGesture();
    if (editor.getState().readOnly) return;
    const plan = planRestore(storedShapes(editor.doc), content.shapes);
    const label = versionLabel(content);
    if (isEmptyPlan(plan)) {
      notices.push('info', msg('history.alreadyMatches', { label }));
      return;
    }
    // A version of a large board is restored in parts, each one update the server takes; one Undo.
    await editor.changeInParts(
      splitRestorePlan(plan).map((part) => (doc) => applyRestorePlan(doc, part)),
      { pause: nextFrame },
    );
    const shapes = shapeCount(content.shapes.length);
    notices.push('info', content.invalid > 0 ? msg('history.restoredSkipping', { label, shapes, skipped: shapeCount(content.invalid) }) : msg('history.restored', { label, shapes }));
  };

  const run = async (version: VersionInfo, action: (content: VersionContent) => void | Promise<void>) => {
    setBusyId(version.id);
    try {
      const content = await load(version);
      if (content) await action(content);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <section id={id} aria-label={t('history.title')} className="flex max-h-[70vh] w-80 flex-col gap-3 rounded-xl border border-neutral-200 dark:border-neutral-700 bg-white/95 dark:bg-neutral-900/95 p-3 shadow-md">
      <h2 className="text-sm font-semibold text-neutral-900 dark:text-neutral-100">{t('history.title')}</h2>
      {canSave && (
        <form onSubmit={(event) => void save(event)} className="flex gap-2">
          <input
            type="text"
            aria-label={t('history.versionName')}
            placeholder={t('history.namePlaceholder')}
            maxLength={MAX_VERSION_NAME_LENGTH}
            value={name}
            onChange={(event) => setName(event.target.value)}
            className="min-w-0 flex-1 rounded-md border border-neutral-300 bg-white px-2 py-1 text-sm text-neutral-900 placeholder:text-neutral-500 dark:border-neutral-600 dark:bg-neutral-800 dark:text-neutral-100 dark:placeholder:text-neutral-400"
          />
          <button type="submit" className={PRIMARY_BUTTON} disabled={saving}>
            {t('history.save')}
          </button>
        </form>
      )}
      {loadError && <p className="text-sm text-red-700 dark:text-red-400">{words(locale, loadError)}</p>}
      {versions === null && !loadError && <p className="text-sm text-neutral-600 dark:text-neutral-400">{t('history.loading')}</p>}
      {versions?.length === 0 && <p className="text-sm text-neutral-600 dark:text-neutral-400">{t('history.empty')}</p>}
      {versions && versions.length > 0 && (
        <ul aria-label={t('history.versions')} className="-mx-1 flex flex-col gap-1 overflow-y-auto px-1">
          {versions.map((version) => (
            <li key={version.id} className="flex flex-col gap-1 rounded-lg border border-neutral-100 dark:border-neutral-800 px-2 py-1.5">
              <p className="truncate text-sm font-medium text-neutral-900 dark:text-neutral-100" title={words(locale, versionLabel(version))}>
                {words(locale, versionLabel(version))}
              </p>
              <div className="flex items-center gap-2">
                <p className="flex-1 text-xs text-neutral-600 dark:text-neutral-400">
                  <time dateTime={version.createdAt.toISOString()}>{version.createdAt.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}</time>
                  {' · '}
                  {t(version.auto ? 'history.auto' : 'history.manual')}
                </p>
                <button type="button" className={SECONDARY_BUTTON} disabled={busyId !== null} onClick={() => void run(version, setPreview)}>
                  {t('history.preview')}
                </button>
                {canRestore && (
                  <button type="button" className={SECONDARY_BUTTON} disabled={busyId !== null} onClick={() => void run(version, restore)}>
                    {t('history.restore')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {preview && (
        <VersionPreview
          version={preview}
          busy={busyId !== null}
          onClose={closePreview}
          onRestore={
            canRestore
              ? () => {
                  restore(preview);
                  setPreview(null);
                }
              : undefined
          }
        />
      )}
    </section>
  );
}
