import { it } from 'vitest';
import { useTestDatabase } from '../../../../tests/db';
import { loadExample } from './load-example';
const t = useTestDatabase();
it('traces', async () => {
	process.on('warning', (w) => console.log('WARNING', w.stack));
	await loadExample(t.db);
}, 120_000);
