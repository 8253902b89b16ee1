import { Fragment, type ReactNode } from 'react';

/**
 * A translated sentence with elements in it: `slots` names the placeholders left in `sentence`
 * (translate it with each such parameter set to `slot(name)`), so a translation may move them.
 */
export function richText(sentence: string, slots: Readonly<Record<string, ReactNode>>): ReactNode {
  return sentence.split(/\u0000(\w+)\u0000/).map((part, index) => <Fragment key={index}>{index % 2 === 1 ? slots[part] : part}</Fragment>);
}

/** The stand-in for an element in a sentence given to richText. */
export const slot = (name: string) => `\u0000${name}\u0000`;
