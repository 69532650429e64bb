/**
 * Recurring background jobs kept in the database, so that any number of app instances may share
 * them: each instance calls runDueJobs every minute; for each due job, the instance whose update
 * moves `locked_until` forward first runs it, the others find nothing to claim. A job that fails is
 * retried at its next slot, its error kept for administrators.
 */
import { and, eq, isNull, lt, lte, or } from 'drizzle-orm';
import type { Database } from '../db/client';
import { scheduledJob } from '../db/schema';

export interface Job {
	name: string;
	/** When to run again after a run that started at `now`. */
	next(now: Date): Date;
	run(db: Database, now: Date): Promise<unknown>;
}

/** How long a claim holds: an instance that stopped mid-run leaves the job to another after this. */
const LEASE_MS = 15 * 60_000;

/** Runs the jobs that are due and not being run elsewhere; answers the names of those it ran. */
export async function runDueJobs(db: Database, jobs: readonly Job[], now = new Date()): Promise<string[]> {
	const ran: string[] = [];
	for (const job of jobs) {
		if (!(await claim(db, job.name, now))) continue;
		try {
			await job.run(db, now);
			await release(db, job, now, null);
			ran.push(job.name);
		} catch (error) {
			console.error(`job ${job.name} failed`, error);
			await release(db, job, now, String(error));
		}
	}
	return ran;
}

async function claim(db: Database, name: string, now: Date): Promise<boolean> {
	await db.insert(scheduledJob).values({ name, nextRunAt: now }).onConflictDoNothing();
	const claimed = await db
		.update(scheduledJob)
		.set({ lockedUntil: new Date(now.getTime() + LEASE_MS) })
		.where(
			and(
				eq(scheduledJob.name, name),
				lte(scheduledJob.nextRunAt, now),
				or(isNull(scheduledJob.lockedUntil), lt(scheduledJob.lockedUntil, now))
			)
		)
		.returning({ name: scheduledJob.name });
	return claimed.length === 1;
}

async function release(db: Database, job: Job, now: Date, error: string | null) {
	await db
		.update(scheduledJob)
		.set({ nextRunAt: job.next(now), lockedUntil: null, lastRunAt: now, lastError: error })
		.where(eq(scheduledJob.name, job.name));
}

/** Every `ms` milliseconds. */
export const every = (ms: number) => (now: Date) => new Date(now.getTime() + ms);
