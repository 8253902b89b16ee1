/** Where this browser keeps the person's theme choice (useTheme.ts; first-view-script.ts reads it before the page's code runs). */
export const THEME_STORAGE_KEY = 'tabula:theme';

export type ThemePreference = 'system' | 'light' | 'dark';
