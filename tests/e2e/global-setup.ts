import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createScratchDatabase } from '../postgres-server';
import { startSmtpServer } from '../smtp';
import { CHROMIUM } from './chromium';

declare module 'vitest' {
	export interface ProvidedContext {
		e2e: { baseUrl: string; databaseUrl: string; mailDir: string };
	}
}

/**
 * Starts what the end-to-end tests drive: a real SMTP server that files each mail it receives as
 * JSON in `mailDir`, a fresh PostgreSQL database, and the built server (`npm run build` comes first;
 * CONCERTO_BUILD_DIR names another build folder) on a free port, as `npm start` serves it. Builds nothing.
 */
export default async function startE2e(project: TestProject) {
	const buildDir = resolve(process.env.CONCERTO_BUILD_DIR ?? 'build');
	if (!existsSync(join(buildDir, 'index.js')))
		throw new Error(`No server build in ${buildDir}: run \`npm run build\` before the end-to-end tests.`);
	if (!existsSync(CHROMIUM))
		throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium).`);

	const scratch = mkdtempSync(join(tmpdir(), 'concerto-e2e-'));
	const mailDir = join(scratch, 'mail');
	mkdirSync(mailDir);
	let mailCount = 0;
	const smtp = await startSmtpServer({
		onMail: (mail) =>
			writeFileSync(join(mailDir, `${String(++mailCount).padStart(4, '0')}.json`), JSON.stringify(mail))
	});
	const database = await createScratchDatabase();
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;

	const output: string[] = [];
	// Served as `npm start` serves it (scripts/serve.js), with no ORIGIN: plain HTTP must just work.
	const server = spawn(resolve('node_modules/.bin/node'), [resolve('scripts/serve.js')], {
		env: {
			...process.env,
			CONCERTO_BUILD_DIR: buildDir,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: database.url,
			PUBLIC_URL: baseUrl,
			SMTP_URL: smtp.url,
			CONCERTO_DATA_DIR: join(scratch, 'data'),
			CONCERTO_EXAMPLE: '0',
			NODE_ENV: 'production'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	server.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
	server.stderr!.on('data', (d: Buffer) => output.push(d.toString()));

	async function stop() {
		await stopProcess(server);
		await smtp.close();
		await database.drop();
		rmSync(scratch, { recursive: true, force: true });
	}

	try {
		await waitForHealth(baseUrl, server, output);
	} catch (error) {
		await stop();
		throw error;
	}
	console.log(
		`[e2e] Concerto from ${buildDir} on ${baseUrl}, PostgreSQL database ${database.name}, SMTP ${smtp.url}`
	);
	project.provide('e2e', { baseUrl, databaseUrl: database.url, mailDir });

	return async () => {
		await stop();
		if (process.env.CONCERTO_E2E_SERVER_LOG) console.log(output.join(''));
	};
}

function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject()));
		});
	});
}

async function waitForHealth(baseUrl: string, server: ChildProcess, output: string[]) {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null)
			throw new Error(`The server stopped (${server.exitCode}):\n${output.join('')}`);
		const answer = await fetch(`${baseUrl}/healthz`).catch(() => null);
		if (answer?.ok) {
			const health = (await answer.json()) as { database?: string };
			if (health.database !== 'postgresql') throw new Error(`/healthz says ${JSON.stringify(health)}`);
			return;
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`The server did not answer /healthz within 60 s:\n${output.join('')}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return Promise.resolve();
	return new Promise((done) => {
		const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
		child.once('exit', () => {
			clearTimeout(kill);
			done();
		});
		child.kill('SIGTERM');
	});
}
