import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { I18nProvider } from '../components/i18n/I18nProvider';
import { translator } from '../lib/i18n';
import { requestLocale } from './request-locale';
import '@fontsource/caveat/400.css';
import '@fontsource/inter/400.css';
import '@fontsource/jetbrains-mono/400.css';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = translator(await requestLocale());
  return { title: 'Tabula', description: t('app.description') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await requestLocale();
  return (
    <html lang={locale}>
      <body className="bg-neutral-50 font-sans text-neutral-900 antialiased">
        <I18nProvider initialLocale={locale}>{children}</I18nProvider>
      </body>
    </html>
  );
}
