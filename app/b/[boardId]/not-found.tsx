import Link from 'next/link';

export default function BoardNotFound() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-2xl font-semibold">This board link is not valid</h1>
      <p className="mt-2 text-neutral-600">
        The board id in this address is invalid: an id has 1 to 64 letters, digits, hyphens or underscores. Check
        the link you were given, or start a new board.
      </p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline hover:text-blue-900">
        Go to the home page
      </Link>
    </main>
  );
}
