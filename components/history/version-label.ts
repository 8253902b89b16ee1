import type { VersionInfo } from '../../lib/history/versions-api';

/** What a version is called in the list: its name, else what kind of save it was. */
export function versionLabel(version: Pick<VersionInfo, 'name' | 'auto'>): string {
  return version.name ?? (version.auto ? 'Automatic save' : 'Unnamed version');
}

export function shapeCount(n: number): string {
  return `${n} ${n === 1 ? 'shape' : 'shapes'}`;
}
