import { FIRST_VIEW_ID, firstViewScript } from '../../lib/collab/first-view-script';

/**
 * Where the board page shows the server's image of the board until the canvas shows it
 * (first-view.ts), and the script that asks for it. Rendered on the server only: React leaves
 * the element's contents to the script and to the board, which removes them.
 */
export function FirstView({ boardId }: { boardId: string }) {
  return (
    <>
      <div id={FIRST_VIEW_ID} aria-hidden="true" className="pointer-events-none fixed inset-0" dangerouslySetInnerHTML={{ __html: '' }} />
      <script dangerouslySetInnerHTML={{ __html: firstViewScript(boardId) }} />
    </>
  );
}
