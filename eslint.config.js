import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import tabula from './eslint-rules/no-ui-literals.js';

export default tseslint.config(
  { ignores: ['.next/**', '.tmp/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'public/sw.js', 'bench/excalidraw-page/dist/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    plugins: { '@next/next': nextPlugin, 'react-hooks': reactHooks, tabula },
    rules: {
      // Words people read come from lib/i18n's catalogues, in their language.
      'tabula/no-ui-literals': ['error', { allow: ['Tabula'] }],
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // lib/ is shared by the browser and the server: no Node built-ins, no React DOM.
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'lib/ runs in the browser too: keep Node-only code in server/.' },
            { group: ['react-dom', 'react-dom/*', 'next', 'next/*'], message: 'lib/ is framework-free: keep React code in components/.' },
          ],
        },
      ],
    },
  },
);
