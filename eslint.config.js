// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Layering, enforced here (docs/ARCHITECTURE.md): arrows point inward to the core.
 *  - src/core imports nothing from worker/app/cli, no UI libraries, no Node built-ins, and never
 *    reads wall-clock time or Math.random (determinism).
 *  - src/worker and src/cli import the core only through its public entry, src/core/index.ts.
 *  - src/app imports core values only from an allowlist (APP_CORE_ALLOWLIST): the event
 *    vocabulary, the pure replay, the timeline/explain helpers and the catalogues (presets, policy
 *    names). Anything else in the core only as a type: the core's machine runs in the Worker.
 *    src/core/layers.test.ts checks that the allowlisted modules reach no device logic either, and
 *    src/lint.test.ts that a forbidden import fails this config.
 */

/** Core modules (paths under src/core/) whose values the app may import. */
export const APP_CORE_ALLOWLIST = [
  'engine/events.ts',
  'engine/schema.ts',
  'replay/replay.ts',
  'replay/machine-state.ts',
  'analysis/timeline.ts',
  'analysis/explain.ts',
  'analysis/golden.ts',
  'analysis/metric-rows.ts',
  'format/time.ts',
  'presets/index.ts',
  'presets/default.ts',
  'policies/index.ts',
  'share/index.ts',
  // The sweep panel (issue 8): merge and summarise the Workers' accumulators, parse --vary, derive a trial.
  'sweep/acc.ts',
  'sweep/summary.ts',
  'sweep/csv.ts',
  'sweep/vary.ts',
  'sweep/randomise.ts',
  'sweep/seed.ts',
  'whatif/fork.ts',
  'whatif/diff.ts',
  'analysis/forward.ts',
  'scenario/schema.ts',
  'scenario/parse.ts',
  // Quiz and practice (issue 9): grading and question text read the log only; variants validate scenarios.
  'teach/grade.ts',
  'teach/prompt.ts',
  'teach/author.ts',
  'teach/generate.ts',
  'teach/variants.ts',
  // Lessons (issue 9): the format and links (lazy-loaded by the page), the markup, the shipped lessons.
  'teach/lesson.ts',
  'teach/lesson-link.ts',
  'teach/narration.ts',
  'teach/lessons/index.ts',
];
const reEscape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Any import of a core module except the listed ones (matched on the import path as written). */
const coreExcept = (allowed) => `(^|/)core/(?!(${allowed.map(reEscape).join('|')})$)`;
const noClock = [
  { object: 'Date', property: 'now', message: 'src/core is deterministic: use the virtual clock (World.now).' },
  { object: 'performance', property: 'now', message: 'src/core is deterministic: use the virtual clock (World.now).' },
  { object: 'Math', property: 'random', message: 'src/core is deterministic: use the seeded Rng passed in.' },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench-results', 'bin'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]",
          message: 'no focused tests',
        },
        {
          selector: "CallExpression[callee.property.name='skip'][callee.object.name=/^(it|test|describe)$/]",
          message: 'no skipped tests',
        },
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'no HTML is built from text (scenario, link, import): render it as text.',
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-properties': ['error', ...noClock],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'self',
        'process',
        'navigator',
        'localStorage',
        'requestAnimationFrame',
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'src/core is deterministic: no wall-clock Date.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/app/**', '**/worker/**', '**/cli/**'], message: 'src/core must not depend on outer layers.' },
            {
              group: [
                'react',
                'react-dom',
                'react-dom/*',
                'zustand',
                'zustand/*',
                'd3',
                'd3-*',
                'comlink',
                'commander',
              ],
              message: 'src/core is UI- and runtime-free.',
            },
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'],
              message: 'src/core runs unchanged in a browser Worker: no Node built-ins.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/app/**', '**/cli/**'], message: 'the worker bootstraps the core only.' },
            { group: ['react', 'react-dom', 'd3', 'zustand'], message: 'no UI in the worker.' },
            {
              regex: coreExcept(['index.ts']),
              message: 'the worker uses the core through its public entry, src/core/index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The classic hook rules; the React-Compiler-specific rules of v7 are not used (no compiler here).
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // UI state changes only through the store's named actions (no generic setter, no setState).
      'no-restricted-properties': [
        'error',
        {
          object: 'useApp',
          property: 'setState',
          message: 'change UI state through a named action in src/app/state/store.ts.',
        },
        // No HTML is built from text (scenario, link, lspci, trace): React's text nodes escape it.
        ...['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'createContextualFragment'].map((property) => ({
          property,
          message: 'no HTML is built from text (scenario, link, import): set textContent or render it as text.',
        })),
        { object: 'document', property: 'write', message: 'no HTML is built from text.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/cli/**', 'node:*'], message: 'the app runs in a browser.' },
            {
              regex: coreExcept(APP_CORE_ALLOWLIST),
              message:
                'the app imports from the core only the allowlist in eslint.config.js (events, replay, timeline/explain helpers, catalogues) and types: device logic runs in the Worker (src/app/sim/client.ts).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Tests of the app's pure drawing helpers build their input with the real core.
    files: ['src/app/**/*.test.ts', 'src/app/render/testing.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/app/**', '**/worker/**'], message: 'the CLI uses the core only.' },
            {
              regex: coreExcept(['index.ts']),
              message: 'the CLI uses the core through its public entry, src/core/index.ts.',
            },
          ],
        },
      ],
    },
  },
);
