import { useEffect, useRef, useState } from 'react';
import { isTextEntry } from '../ui/text-entry';
import { addFilesLater } from './add-files-later';
import type { FileTarget } from './board-files';

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Files dropped anywhere on the board page go onto the board at the drop point; pasted files at
 * the centre of the view. Returns whether files are being dragged over the page (for a hint).
 */
export function useFileDrop(target: FileTarget): boolean {
  const [dragging, setDragging] = useState(false);
  const targetRef = useRef(target);
  useEffect(() => {
    targetRef.current = target;
  }, [target]);

  useEffect(() => {
    let hideTimer = 0;
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
      // dragleave fires for every child element crossed; a pause in dragover is the reliable end.
      window.clearTimeout(hideTimer);
      hideTimer = window.setTimeout(() => setDragging(false), 200);
    };
    const onDrop = (event: DragEvent) => {
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      window.clearTimeout(hideTimer);
      setDragging(false);
      const current = targetRef.current;
      void addFilesLater(current, files, current.editor.camera.clientToBoard(event.clientX, event.clientY));
    };
    const onPaste = (event: ClipboardEvent) => {
      if (event.defaultPrevented || isTextEntry(event.target)) return;
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      const current = targetRef.current;
      void addFilesLater(current, files, current.editor.viewCenter());
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    window.addEventListener('paste', onPaste);
    return () => {
      window.clearTimeout(hideTimer);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('paste', onPaste);
    };
  }, []);

  return dragging;
}
