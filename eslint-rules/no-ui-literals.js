/**
 * tabula/no-ui-literals: words in JSX come from the message catalogues (lib/i18n), never from a
 * literal. Reports text between tags, and string literals and template texts given to a JSX child
 * or to an attribute people read (aria-label, title, placeholder, alt, label, ...). Text without
 * letters ("×", "·", "%") passes, and so do the names in `allow` (the product's name).
 */
const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label']);
const LETTER = /\p{L}/u;

/** @type {import('eslint').Rule.RuleModule} */
export const noUiLiterals = {
  meta: {
    type: 'problem',
    docs: { description: 'User-facing text in JSX must come from the message catalogues (lib/i18n)' },
    schema: [{ type: 'object', properties: { allow: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
    messages: { literal: 'User-facing text "{{text}}" is a literal: add it to lib/i18n/en.ts (and each language) and use t().' },
  },
  create(context) {
    const allow = new Set(context.options[0]?.allow ?? []);
    const wordy = (text) => LETTER.test(text) && !allow.has(text.trim());
    const report = (node, text) => context.report({ node, messageId: 'literal', data: { text: text.trim().slice(0, 40) } });
    /** A string or template literal (its fixed parts) that holds words. */
    const checkExpression = (node) => {
      if (node.type === 'Literal' && typeof node.value === 'string' && wordy(node.value)) report(node, node.value);
      if (node.type === 'TemplateLiteral') {
        const fixed = node.quasis.map((quasi) => quasi.value.cooked ?? '').join(' ');
        if (wordy(fixed)) report(node, fixed);
      }
      if (node.type === 'ConditionalExpression') {
        checkExpression(node.consequent);
        checkExpression(node.alternate);
      }
      if (node.type === 'LogicalExpression') checkExpression(node.right);
    };
    return {
      JSXText(node) {
        if (wordy(node.value)) report(node, node.value);
      },
      JSXExpressionContainer(node) {
        if (node.parent.type === 'JSXElement' || node.parent.type === 'JSXFragment') checkExpression(node.expression);
      },
      JSXAttribute(node) {
        const name = node.name.type === 'JSXIdentifier' ? node.name.name : '';
        if (!READ_ATTRIBUTES.has(name) || !node.value) return;
        if (node.value.type === 'Literal') checkExpression(node.value);
        else if (node.value.type === 'JSXExpressionContainer') checkExpression(node.value.expression);
      },
    };
  },
};

export default { rules: { 'no-ui-literals': noUiLiterals } };
