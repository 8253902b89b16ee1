import { NewBoardButton } from '../components/home/NewBoardButton';
import { RecentBoards } from '../components/home/RecentBoards';

export default function HomePage() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Tabula</h1>
      <p className="mt-2 text-neutral-600">
        A whiteboard to draw on together. Start a board and share its link with the people you work with.
      </p>
      <div className="mt-8">
        <NewBoardButton />
      </div>
      <section aria-labelledby="recent-boards" className="mt-12">
        <h2 id="recent-boards" className="mb-3 text-lg font-semibold">
          Recent boards
        </h2>
        <RecentBoards />
      </section>
    </main>
  );
}
