import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { scheduledJob } from '../db/schema';
import { every, runDueJobs, type Job } from './scheduler';

const HOUR = 3_600_000;

describe(`background jobs [${databaseKind}]`, () => {
	const t = useTestDatabase();

	function counting(name: string, work: () => Promise<void> = async () => {}) {
		const runs: Date[] = [];
		const job: Job = {
			name,
			next: every(HOUR),
			run: async (_db, now) => {
				runs.push(now);
				await work();
			}
		};
		return { job, runs };
	}

	it('runs a job once when two instances look for due jobs at the same moment', async () => {
		const { job, runs } = counting('twice-asked');
		const other = await t.connectAgain();
		const now = new Date('2026-11-29T08:00:00Z');
		const [a, b] = await Promise.all([runDueJobs(t.db, [job], now), runDueJobs(other.db, [job], now)]);
		expect(runs).toHaveLength(1);
		expect([...a, ...b]).toEqual(['twice-asked']);
	});

	it('waits for the next slot, then runs again', async () => {
		const { job, runs } = counting('hourly');
		const start = new Date('2026-11-29T08:00:00Z');
		await runDueJobs(t.db, [job], start);
		expect(await runDueJobs(t.db, [job], new Date(start.getTime() + HOUR - 1000))).toEqual([]);
		expect(await runDueJobs(t.db, [job], new Date(start.getTime() + HOUR))).toEqual(['hourly']);
		expect(runs).toHaveLength(2);
		const [row] = await t.db.select().from(scheduledJob).where(eq(scheduledJob.name, 'hourly'));
		expect(row!.nextRunAt.getTime()).toBe(start.getTime() + 2 * HOUR);
		expect(row!.lockedUntil).toBeNull();
	});

	it('keeps the error of a failed run and tries again at the next slot', async () => {
		let fail = true;
		const { job, runs } = counting('flaky', async () => {
			if (fail) throw new Error('SMTP down');
		});
		const start = new Date('2026-11-29T08:00:00Z');
		expect(await runDueJobs(t.db, [job], start)).toEqual([]);
		const [failed] = await t.db.select().from(scheduledJob).where(eq(scheduledJob.name, 'flaky'));
		expect(failed!.lastError).toContain('SMTP down');
		expect(failed!.lockedUntil).toBeNull();
		fail = false;
		expect(await runDueJobs(t.db, [job], new Date(start.getTime() + HOUR))).toEqual(['flaky']);
		expect(runs).toHaveLength(2);
		const [mended] = await t.db.select().from(scheduledJob).where(eq(scheduledJob.name, 'flaky'));
		expect(mended!.lastError).toBeNull();
	});

	it('leaves a job being run elsewhere alone, and takes it over once that claim is stale', async () => {
		const { job, runs } = counting('claimed-elsewhere');
		const now = new Date('2026-11-29T08:00:00Z');
		await t.db.insert(scheduledJob).values({
			name: 'claimed-elsewhere',
			nextRunAt: now,
			lockedUntil: new Date(now.getTime() + 60_000)
		});
		expect(await runDueJobs(t.db, [job], now)).toEqual([]);
		expect(await runDueJobs(t.db, [job], new Date(now.getTime() + 120_000))).toEqual(['claimed-elsewhere']);
		expect(runs).toHaveLength(1);
	});
});
