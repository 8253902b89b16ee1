import { describe, expect, it } from 'vitest';
import { en } from './en';
import { LOCALES, LOCALE_CODES } from './locales';
import type { MessageText } from './types';

/** The sorted placeholder names of a message, over all its plural forms. */
function placeholders(text: MessageText): string[] {
  const sentences = typeof text === 'string' ? [text] : Object.values(text);
  const names = new Set(sentences.flatMap((sentence) => [...sentence.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!)));
  if (typeof text !== 'string') names.add('count');
  return [...names].sort();
}

const pluralCategories = (locale: string) => new Intl.PluralRules(locale).resolvedOptions().pluralCategories;

describe.each(LOCALE_CODES.filter((code) => code !== 'en'))('the %s catalogue', (code) => {
  const messages: Readonly<Record<string, MessageText>> = LOCALES[code].messages;

  it('has exactly the keys of the English one', () => {
    const missing = Object.keys(en).filter((key) => !Object.hasOwn(messages, key));
    const extra = Object.keys(messages).filter((key) => !Object.hasOwn(en, key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it("uses each English sentence's placeholders, no more and no fewer", () => {
    const mismatched = Object.entries(en)
      .filter(([key, text]) => Object.hasOwn(messages, key) && placeholders(text).join() !== placeholders(messages[key]!).join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it("gives a plural message the language's plural forms and a plain message a sentence", () => {
    const categories = pluralCategories(code);
    const wrong = Object.entries(en)
      .filter(([key, text]) => {
        const translated = messages[key];
        if (translated === undefined) return false;
        if (typeof text === 'string') return typeof translated !== 'string';
        return typeof translated === 'string' || !categories.every((category) => category in translated || category === 'other' || category === 'many');
      })
      .map(([key]) => key);
    expect(wrong).toEqual([]);
  });

  it('translates the interface (at most a few names stay as in English)', () => {
    const same = Object.entries(en).filter(([key, text]) => typeof text === 'string' && messages[key] === text);
    expect(same.length).toBeLessThan(Object.keys(en).length / 5);
  });
});

describe('the English catalogue', () => {
  it('gives each plural message the English plural forms', () => {
    const wrong = Object.entries(en).filter(([, text]) => typeof text !== 'string' && !pluralCategories('en').every((category) => category in text));
    expect(wrong).toEqual([]);
  });
});
