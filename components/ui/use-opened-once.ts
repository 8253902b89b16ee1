import { useState } from 'react';

/**
 * Whether `open` has been true at least once. A dialog or panel whose code loads on first use
 * mounts then and stays mounted, so that it closes (and hands focus back) as a dialog does.
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}
