import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		// Separate output folders let several builds run side by side (tests, benchmarks).
		adapter: adapter({ out: process.env.CONCERTO_BUILD_DIR ?? 'build', precompress: true }),
		outDir: process.env.CONCERTO_KIT_DIR ?? '.svelte-kit',
		// The cross-site check is made in src/hooks.server.ts (src/lib/server/cross-site.ts), which lets
		// API calls with a bearer token through.
		csrf: { trustedOrigins: ['*'] }
	}
};
