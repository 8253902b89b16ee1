import { useEffect, useRef, useState } from 'react';
import { isTextEntry } from '../ui/text-entry';

/** Whether Space is held (Space+drag pans). A ref for event handlers; changes re-render for the cursor. */
export function useSpaceHeld(): { readonly current: boolean } {
  const held = useRef(false);
  const [, setHeld] = useState(false);
  useEffect(() => {
    const set = (value: boolean) => {
      held.current = value;
      setHeld(value);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || isTextEntry(event.target)) return;
      // A focused button would be clicked by Space; on the board, Space is for panning.
      if (event.target instanceof HTMLButtonElement) return;
      event.preventDefault();
      if (!event.repeat) set(true);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.code === 'Space') set(false);
    };
    const onBlur = () => set(false);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
    };
  }, []);
  return held;
}
