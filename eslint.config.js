import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'examples/**', 'test-artifacts/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['bin/**', 'scripts/**', 'bench/**', '*.cjs', '*.js'], languageOptions: { globals: { ...globals.node } } },
  // Browser benchmarks run some functions inside the page (page.evaluate).
  { files: ['bench/web.js', 'bench/experiments/web-long-task.js'], languageOptions: { globals: { ...globals.browser } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
