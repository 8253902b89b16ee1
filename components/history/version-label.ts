import { type Message, msg } from '../../lib/i18n';
import type { VersionInfo } from '../../lib/history/versions-api';

/** What a version is called in the list: its name, else what kind of save it was. */
export function versionLabel(version: Pick<VersionInfo, 'name' | 'auto'>): string | Message {
  return version.name ?? msg(version.auto ? 'history.automaticSave' : 'history.unnamed');
}

export function shapeCount(n: number): Message {
  return msg('history.shapes', { count: n });
}
