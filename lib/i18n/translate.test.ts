import { describe, expect, it } from 'vitest';
import { msg } from './catalogue';
import { acceptedLanguages, negotiateLocale } from './locales';
import { translate, translator } from './translate';

describe('translate', () => {
  it('fills placeholders, also with messages of their own', () => {
    expect(translate('en', msg('share.copied', { link: msg('share.editLink') }))).toBe('Edit link copied');
    expect(translate('de', msg('share.copied', { link: msg('share.editLink') }))).toBe('Link zum Bearbeiten kopiert');
  });

  it("picks the plural form by the language's rules", () => {
    const t = translator('en');
    expect(t('presence.count', { count: 1 })).toBe('1 person here');
    expect(t('presence.count', { count: 0 })).toBe('0 people here');
    // French counts 0 and 1 as singular; English does not.
    expect(translator('fr')('history.shapes', { count: 0 })).toBe('0 forme');
    expect(translator('fr')('history.shapes', { count: 2 })).toBe('2 formes');
    expect(translator('de')('presence.count', { count: 3 })).toBe('3 Personen sind hier');
  });

  it("writes numbers in the language's digits", () => {
    expect(translator('en')('import.progress', { done: 2000, total: 20000 })).toBe('Importing shapes: 2,000 of 20,000…');
    expect(translator('de')('import.progress', { done: 2000, total: 20000 })).toBe('Formen werden importiert: 2.000 von 20.000…');
  });

  it('shows an unknown key as itself rather than failing', () => {
    expect(translate('fr', { key: 'from.a.newer.build' })).toBe('from.a.newer.build');
  });
});

describe('negotiateLocale', () => {
  it('takes the first language the interface speaks, regional tags included', () => {
    expect(negotiateLocale(['de-DE', 'en'])).toBe('de');
    expect(negotiateLocale(['es-ES', 'fr-CA', 'de'])).toBe('fr');
    expect(negotiateLocale(['pt-BR'])).toBe('en');
    expect(negotiateLocale([])).toBe('en');
  });

  it('reads an Accept-Language header by preference', () => {
    expect(acceptedLanguages('en;q=0.5, fr-FR, de;q=0.9, *;q=0.1')).toEqual(['fr-FR', 'de', 'en']);
    expect(negotiateLocale(acceptedLanguages('de-AT,de;q=0.9,en;q=0.8'))).toBe('de');
    expect(acceptedLanguages(null)).toEqual([]);
  });
});
