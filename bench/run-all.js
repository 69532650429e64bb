// `npm run bench`: start-up, page weight, memory, the directory and the response plan at scale, the needs and minutes imports, the projects at scale, one after the other (see README.md, "Benchmarks").
// Exits non-zero only when a benchmark crashes; a figure over its target is printed as "OVER TARGET".
import { cpus } from 'node:os';
import { ensureBuild, log } from './lib.js';
import { benchStartup } from './startup.js';
import { benchPageWeight } from './page-weight.js';
import { benchMemory } from './memory.js';
import { benchDirectory } from './directory.js';
import { benchNeedsImport } from './needs-import.js';
import { benchPlans } from './plans.js';
import { benchMinutesImport } from './minutes-import.js';
import { benchActions } from './actions.js';
import { benchIcalFeed } from './ical-feed.js';
import { benchProjects } from './projects.js';

log(
	`Concerto benchmarks — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores`
);
ensureBuild({ force: process.env.BENCH_REBUILD === '1' });
let crashed = 0;
for (const [name, run] of [
	['startup', benchStartup],
	['page weight', benchPageWeight],
	['memory', benchMemory],
	['directory at scale', benchDirectory],
	['response plan at scale', benchPlans],
	['minutes import', benchMinutesImport],
	['action tracker at scale', benchActions],
	['calendar feeds', benchIcalFeed],
	['projects at scale', benchProjects],
	['needs import', benchNeedsImport]
]) {
	log(`\n— ${name}`);
	try {
		await run();
	} catch (error) {
		crashed++;
		console.error(`${name}: crashed: ${error?.stack ?? error}`);
	}
}
process.exit(crashed ? 1 : 0);
