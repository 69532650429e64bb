import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['custom-user', 'cookie', 'preferredLanguage', 'baseLocale'],
			cookieName: 'concerto_locale'
		}),
		sveltekit()
	],
	ssr: { external: ['@electric-sql/pglite', '@node-rs/argon2'] }
});
