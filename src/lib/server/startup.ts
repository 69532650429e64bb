import { lockDataDir } from './data-dir-lock';
import { openApp, type App } from './app';
import type { Config } from './config';
import { needsSetup } from './accounts/setup';
import { loadExample, EXAMPLE_ACCOUNTS } from './example/load-example';
import { deliverQueuedMail } from './mail/outbox';
import { appJobs } from './jobs/jobs';
import { runDueJobs } from './jobs/scheduler';

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
		const mailTimer = setInterval(() => void deliverQueuedMail(app.db).catch(console.error), 10_000);
		const jobs = appJobs(config.publicUrl);
		const jobTimer = setInterval(
			() =>
				void runDueJobs(app.db, jobs)
					.then((ran) => ran.length && deliverQueuedMail(app.db))
					.catch(console.error),
			60_000
		);
		mailTimer.unref();
		jobTimer.unref();
		process.once('sveltekit:shutdown', async () => {
			clearInterval(mailTimer);
			clearInterval(jobTimer);
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
