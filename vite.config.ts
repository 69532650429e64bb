import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [
		// Its options are in project.inlang/paraglide.config.js, shared with `npm run i18n`.
		paraglideVitePlugin({ project: './project.inlang' }),
		sveltekit()
	],
	ssr: { external: ['@electric-sql/pglite', '@node-rs/argon2'] }
});
