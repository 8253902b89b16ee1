import { useCallback, useEffect, useState } from 'react';
import { THEME_STORAGE_KEY as STORAGE_KEY, type ThemePreference } from '../../lib/local/theme';
import { browserStorage } from '../local/browser-storage';

function storedPreference(): ThemePreference {
  const value = browserStorage()?.getItem(STORAGE_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

/**
 * Light or dark: follows the system until the person picks one with the toggle (remembered in
 * this browser). Sets the `dark` class on <html> for Tailwind's dark variant.
 */
export function useTheme(): { dark: boolean; toggle: () => void } {
  const [preference, setPreference] = useState<ThemePreference>(storedPreference);
  const [systemDark, setSystemDark] = useState(() => window.matchMedia('(prefers-color-scheme: dark)').matches);

  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setSystemDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  const dark = preference === 'dark' || (preference === 'system' && systemDark);

  useEffect(() => {
    document.documentElement.classList.toggle('dark', dark);
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  }, [dark]);

  const toggle = useCallback(() => {
    // Back to following the system when the choice matches it again.
    const next: ThemePreference = dark ? (systemDark ? 'light' : 'system') : systemDark ? 'system' : 'dark';
    setPreference(next);
    browserStorage()?.setItem(STORAGE_KEY, next);
  }, [dark, systemDark]);

  return { dark, toggle };
}
