import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * Three projects. `pglite` and `postgresql` run the same unit and integration tests (`src/**\/*.test.ts`),
 * each test file on a fresh database of that kind (see tests/db.ts); `e2e` drives Debian's Chromium
 * against the built server (tests/e2e). Every project extends vite.config.ts for the SvelteKit and
 * Paraglide plugins (`$lib`, `$app`, compiled messages).
 */
const onDatabase = (kind: 'pglite' | 'postgresql'): TestProjectInlineConfiguration => ({
	extends: './vite.config.ts',
	test: {
		name: kind,
		include: ['src/**/*.test.ts'],
		environment: 'node',
		env: { CONCERTO_TEST_DATABASE: kind },
		globalSetup: ['tests/database-template.ts'],
		// Test files share one module graph per worker (importing the app for each file cost ~2 s);
		// each still gets its own database. The two projects run as two processes (`npm run
		// test:unit`): sharing a worker across them mixed their database kinds.
		isolate: false,
		// A database per file and argon2 hashing on a shared two-core machine.
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});

export default defineConfig({
	test: {
		projects: [
			onDatabase('pglite'),
			onDatabase('postgresql'),
			{
				extends: './vite.config.ts',
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/e2e/global-setup.ts'],
					// One browser and one server: files run one after another.
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
