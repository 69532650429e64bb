// Module-resolution hook for the command line (registered by bin/concerto.js): resolves SvelteKit's
// `$lib` alias to `src/lib`, trying the extensions the sources use, as Vite does for the app.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const lib = fileURLToPath(new URL('../lib/', import.meta.url));
const candidates = ['', '.ts', '.js', '/index.ts', '/index.js'];

/** @param {string} path */
function findFile(path) {
	for (const suffix of candidates) {
		const file = path + suffix;
		if (existsSync(file) && statSync(file).isFile()) return file;
	}
	return null;
}

/**
 * @param {string} specifier
 * @param {{ parentURL?: string }} context
 * @param {(specifier: string, context: { parentURL?: string }) => Promise<unknown>} nextResolve
 */
export async function resolve(specifier, context, nextResolve) {
	if (specifier === '$lib' || specifier.startsWith('$lib/')) {
		const path = lib + specifier.slice('$lib/'.length);
		const file = findFile(path);
		if (file) return nextResolve(pathToFileURL(file).href, context);
	}
	return nextResolve(specifier, context);
}
