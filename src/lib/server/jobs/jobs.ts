/** The background jobs every instance offers to run (see scheduler.ts). */
import { sendActionReminders } from '../meetings/reminders';
import { sendSubmissionDigests } from '../projects/digest';
import { every, type Job } from './scheduler';

const HOUR = 3_600_000;

export function appJobs(publicUrl: string): Job[] {
	return [
		{
			name: 'action-reminders',
			next: every(HOUR),
			run: (db, now) => sendActionReminders(db, now, publicUrl)
		},
		{
			// A digest a day per open window, from 07:00 Bamako time; checked every hour so that a
			// failed or missed run is made up within the hour (each day's digest goes once: digest.ts).
			name: 'project-digest',
			next: every(HOUR),
			run: (db, now) => sendSubmissionDigests(db, now, publicUrl)
		}
	];
}
