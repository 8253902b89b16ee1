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
  const { notices } = editor;
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
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
      setLoadError(`The versions could not be loaded: ${result.error}.`);
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
      notices.push('error', `The version could not be saved: ${result.error}.`);
      return;
    }
    setName('');
    notices.push('info', `Saved version "${versionLabel(result.value)}".`);
    setVersions((list) => [result.value, ...(list ?? []).filter((version) => version.id !== result.value.id)]);
    void refresh();
  };

  const load = async (version: VersionInfo): Promise<VersionContent | null> => {
    const result = await fetchVersion(boardId, version.id, api);
    if (result.ok) return result.value;
    notices.push('error', `The version "${versionLabel(version)}" could not be loaded: ${result.error}.`);
    return null;
  };

  const restore = async (content: VersionContent) => {
    editor.cancelGesture();
    if (editor.getState().readOnly) return;
    const plan = planRestore(storedShapes(editor.doc), content.shapes);
    const label = versionLabel(content);
    if (isEmptyPlan(plan)) {
      notices.push('info', `The board already matches "${label}".`);
      return;
    }
    // A version of a large board is restored in parts, each one update the server takes; one Undo.
    await editor.changeInParts(
      splitRestorePlan(plan).map((part) => (doc) => applyRestorePlan(doc, part)),
      { pause: nextFrame },
    );
    const skipped = content.invalid > 0 ? ` ${shapeCount(content.invalid)} in it could not be read and were left out.` : '';
    notices.push('info', `Restored "${label}" (${shapeCount(content.shapes.length)}). Undo reverts it.${skipped}`);
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
    <section id={id} aria-label="Version history" className="flex max-h-[70vh] w-80 flex-col gap-3 rounded-xl border border-neutral-200 dark:border-neutral-700 bg-white/95 dark:bg-neutral-900/95 p-3 shadow-md">
      <h2 className="text-sm font-semibold text-neutral-900 dark:text-neutral-100">Version history</h2>
      {canSave && (
        <form onSubmit={(event) => void save(event)} className="flex gap-2">
          <input
            type="text"
            aria-label="Version name"
            placeholder="Name (optional)"
            maxLength={MAX_VERSION_NAME_LENGTH}
            value={name}
            onChange={(event) => setName(event.target.value)}
            className="min-w-0 flex-1 rounded-md border border-neutral-300 bg-white px-2 py-1 text-sm text-neutral-900 dark:border-neutral-600 dark:bg-neutral-800 dark:text-neutral-100"
          />
          <button type="submit" className={PRIMARY_BUTTON} disabled={saving}>
            Save version
          </button>
        </form>
      )}
      {loadError && <p className="text-sm text-red-700 dark:text-red-400">{loadError}</p>}
      {versions === null && !loadError && <p className="text-sm text-neutral-500 dark:text-neutral-400">Loading versions…</p>}
      {versions?.length === 0 && <p className="text-sm text-neutral-500 dark:text-neutral-400">No versions yet. Versions are saved as you work, or now with Save version.</p>}
      {versions && versions.length > 0 && (
        <ul aria-label="Versions" className="-mx-1 flex flex-col gap-1 overflow-y-auto px-1">
          {versions.map((version) => (
            <li key={version.id} className="flex flex-col gap-1 rounded-lg border border-neutral-100 dark:border-neutral-800 px-2 py-1.5">
              <p className="truncate text-sm font-medium text-neutral-900 dark:text-neutral-100" title={versionLabel(version)}>
                {versionLabel(version)}
              </p>
              <div className="flex items-center gap-2">
                <p className="flex-1 text-xs text-neutral-500 dark:text-neutral-400">
                  <time dateTime={version.createdAt.toISOString()}>{version.createdAt.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</time>
                  {' · '}
                  {version.auto ? 'auto' : 'manual'}
                </p>
                <button type="button" className={SECONDARY_BUTTON} disabled={busyId !== null} onClick={() => void run(version, setPreview)}>
                  Preview
                </button>
                {canRestore && (
                  <button type="button" className={SECONDARY_BUTTON} disabled={busyId !== null} onClick={() => void run(version, restore)}>
                    Restore
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
