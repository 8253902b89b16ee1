import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import '@fontsource/caveat/400.css';
import '@fontsource/inter/400.css';
import '@fontsource/jetbrains-mono/400.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'Tabula',
  description: 'A self-hosted collaborative whiteboard.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-neutral-50 font-sans text-neutral-900 antialiased">{children}</body>
    </html>
  );
}
