// `npm start`: builds when the sources changed since the last build, then serves the build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const built = 'build/handler.js';
const sources = [
	'src',
	'messages',
	'static',
	'drizzle',
	'package-lock.json',
	'project.inlang/settings.json',
	'project.inlang/paraglide.config.js',
	'svelte.config.js',
	'vite.config.ts'
];

function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path)
		.filter((name) => name !== 'paraglide')
		.reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

function run(args) {
	const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
	console.log('Building Concerto (first start or sources changed)…');
	run(['node_modules/vite/bin/vite.js', 'build']);
}
await import('./serve.js');
