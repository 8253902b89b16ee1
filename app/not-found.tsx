import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-neutral-600">There is nothing at this address.</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline hover:text-blue-900">
        Go to the home page
      </Link>
    </main>
  );
}
