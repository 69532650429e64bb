/** The background jobs every instance offers to run (see scheduler.ts). */
import { sendActionReminders } from '../meetings/reminders';
import { every, type Job } from './scheduler';

const HOUR = 3_600_000;

export function appJobs(publicUrl: string): Job[] {
	return [
		{
			name: 'action-reminders',
			next: every(HOUR),
			run: (db, now) => sendActionReminders(db, now, publicUrl)
		}
	];
}
