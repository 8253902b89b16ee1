import Link from 'next/link';
import type { AccessRefusal } from '../../lib/access/refusal';

const TEXT: Record<Exclude<AccessRefusal, null>, { title: string; body: string }> = {
  'no-access': {
    title: 'This link lacks access to the board',
    body: "Boards are shared by link: ask the board's owner for an edit link or a view-only link, and open that one.",
  },
  'link-reset': {
    title: 'The link was reset',
    body: "The board's owner reset its links, so the one you opened no longer gives access. Ask them for the new link.",
  },
};

/** What the page says when the server refused its link: a bare link of an invite board, or a reset one. */
export function AccessNotice({ refusal }: { refusal: Exclude<AccessRefusal, null> }) {
  const { title, body } = TEXT[refusal];
  return (
    <div className="fixed inset-0 z-40 grid place-items-center bg-white/80 p-4 dark:bg-black/70">
      <section role="alert" aria-labelledby="access-notice-title" className="max-w-md rounded-xl border border-neutral-200 bg-white p-6 shadow-xl dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100">
        <h1 id="access-notice-title" className="mb-2 text-lg font-semibold">
          {title}
        </h1>
        <p className="text-sm text-neutral-700 dark:text-neutral-300">{body}</p>
        <p className="mt-4 text-sm">
          <Link href="/" className="text-blue-700 underline dark:text-blue-300">
            Go to your boards
          </Link>
        </p>
      </section>
    </div>
  );
}
