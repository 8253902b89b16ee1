/** Text buttons of the board's data panel (Export, Import, History). */
export const PANEL_BUTTON =
  'rounded-lg px-3 py-1.5 text-sm font-medium text-neutral-700 dark:text-neutral-200 hover:bg-neutral-100 dark:hover:bg-neutral-800 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 aria-expanded:bg-blue-100 dark:aria-expanded:bg-blue-900/50 aria-expanded:text-blue-800 dark:aria-expanded:text-blue-200';

export const PRIMARY_BUTTON =
  'rounded-lg bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600';

export const SECONDARY_BUTTON =
  'rounded-md border border-neutral-300 dark:border-neutral-600 px-2 py-1 text-xs font-medium text-neutral-700 dark:text-neutral-200 hover:bg-neutral-100 dark:hover:bg-neutral-800 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600';
