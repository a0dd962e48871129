import { useEffect, useRef } from 'preact/hooks';
import { hasFiles } from './useMediaAdding';

/**
 * Images pasted or dropped anywhere in the composer's window (its heading, the margin)
 * are attached like picked ones. What the text box or the composer already took (they
 * cancel the event) is left alone, and a paste without files stays a paste.
 */
export function useWindowFiles(addFiles: (files: File[]) => unknown) {
  const add = useRef(addFiles);
  add.current = addFiles;
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (event.defaultPrevented || files.length === 0) return;
      event.preventDefault();
      add.current(files);
    };
    const onDragOver = (event: DragEvent) => {
      // Allows the drop; else the browser would open the file in place of the composer.
      if (hasFiles(event)) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      if (event.defaultPrevented || !hasFiles(event)) return;
      event.preventDefault();
      add.current([...(event.dataTransfer?.files ?? [])]);
    };
    addEventListener('paste', onPaste);
    addEventListener('dragover', onDragOver);
    addEventListener('drop', onDrop);
    return () => {
      removeEventListener('paste', onPaste);
      removeEventListener('dragover', onDragOver);
      removeEventListener('drop', onDrop);
    };
  }, []);
}
