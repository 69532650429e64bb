import { lockDataDir } from './data-dir-lock';
import { openApp, type App } from './app';
import type { Config } from './config';
import { needsSetup } from './accounts/setup';
import { loadExample, EXAMPLE_ACCOUNTS } from './example/load-example';
import { deliverQueuedMail } from './mail/outbox';

/** Opens the database, applies migrations, and on a first embedded start loads the example workspace. */
export async function startServer(config: Config): Promise<App> {
	const release = config.databaseUrl
		? () => {}
		: lockDataDir(config.dataDir, { owner: 'server', url: config.publicUrl });
	try {
		const app = await openApp(config);
		if (!config.databaseUrl && config.loadExample && (await needsSetup(app.db))) {
			await loadExample(app.db);
			printExampleAccounts();
		}
		const timer = setInterval(() => void deliverQueuedMail(app.db).catch(console.error), 10_000);
		timer.unref();
		process.once('sveltekit:shutdown', async () => {
			clearInterval(timer);
			await app.close();
			release();
		});
		console.log(
			`Concerto on ${app.kind === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL'} — ${config.publicUrl}`
		);
		return app;
	} catch (error) {
		release();
		throw error;
	}
}

function printExampleAccounts() {
	console.log('Example workspace "Mali — Cluster Relèvement Précoce" loaded. Sign in with:');
	for (const a of EXAMPLE_ACCOUNTS) console.log(`  ${a.email.padEnd(26)} ${a.password.padEnd(16)} ${a.role}`);
}
