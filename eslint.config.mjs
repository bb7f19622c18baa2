import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import drizzle from 'eslint-plugin-drizzle';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // An UPDATE or DELETE without WHERE would touch every practice's rows.
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // One way down (docs/STYLE): pages and actions reach the database through lib/dal with a
  // Member; shared components get a route's actions as props (or live in its _components/).
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['@/db', '@/db/index', '@/db/open'], message: 'Pages, actions and components reach the database through lib/dal, with a Member.' }],
        },
      ],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/db', '@/db/index', '@/db/open'], message: 'Pages, actions and components reach the database through lib/dal, with a Member.' },
            { group: ['@/app/*'], message: "Shared components never import a route's actions: take them as props, or move the component into the route's _components/." },
          ],
        },
      ],
    },
  },
  // CommonJS on purpose: scripts/compile-cache*.cjs are `node --require` preloads that patch
  // CommonJS loading itself.
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { ignores: ['.next/**', 'node_modules/**', 'data/**', 'db/migrations/**', 'playwright-report/**', 'test-results/**', 'next-env.d.ts'] },
];

export default config;
