import { RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';
import { noUiLiterals } from './no-ui-literals.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

const tester = new RuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } });

tester.run('no-ui-literals', noUiLiterals, {
  valid: [
    "<button aria-label={t('tools.undo')}>{t('tools.undo')}</button>",
    '<span aria-hidden="true">×</span>',
    "<p>{count}%{' · '}</p>",
    "<input type=\"range\" className=\"w-20 accent-blue-600\" data-testid=\"zoom-level\" />",
    { code: '<h1>Tabula</h1>', options: [{ allow: ['Tabula'] }] },
  ],
  invalid: [
    { code: '<button>Undo</button>', errors: [{ messageId: 'literal' }] },
    { code: '<button aria-label="Zoom in" />', errors: [{ messageId: 'literal' }] },
    { code: '<input placeholder={"Your name"} />', errors: [{ messageId: 'literal' }] },
    { code: '<p title={`Follow ${name}`} />', errors: [{ messageId: 'literal' }] },
    { code: "<p>{busy ? 'Saving…' : t('history.save')}</p>", errors: [{ messageId: 'literal' }] },
    { code: "<p>{error && 'Failed'}</p>", errors: [{ messageId: 'literal' }] },
    { code: '<Group label="Fill" />', errors: [{ messageId: 'literal' }] },
  ],
});
