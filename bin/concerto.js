#!/usr/bin/env node
// `npx concerto <command>`: runs src/cli/main.ts on Node.js 22 through tsx (see `concerto help`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const major = Number(process.versions.node.split('.')[0]);

if (major < 22) {
	// The machine's Node.js is older: use the Node.js 22 that the `node` dependency installs.
	const node22 = join(root, 'node_modules', '.bin', 'node');
	if (process.env.CONCERTO_REEXEC || !existsSync(node22)) {
		console.error(
			`concerto: Node.js 22 or later is needed (this is ${process.version}). ` +
				`Run "npm install" in ${root} (it installs Node.js 22) or install Node.js 22.`
		);
		process.exit(1);
	}
	const child = spawnSync(node22, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
		stdio: 'inherit',
		env: { ...process.env, CONCERTO_REEXEC: '1' }
	});
	if (child.error) {
		console.error(`concerto: cannot start ${node22}: ${child.error.message}`);
		process.exit(1);
	}
	process.exit(child.status ?? 1);
} else {
	process.env.CONCERTO_ROOT = root;
	const { register: registerTsx } = await import('tsx/esm/api');
	registerTsx({ tsconfig: false });
	// Registered after tsx, so it runs first: `$lib/…` becomes a file that tsx then loads.
	register('../src/cli/resolve-lib.js', import.meta.url);
	const { main } = await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
	process.exit(await main(process.argv.slice(2)));
}
