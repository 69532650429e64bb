/**
 * A meeting's states: planned → held → minutes published. Minutes may be withdrawn for a correction
 * (published → held) and a meeting marked held by mistake goes back to planned. The first
 * publication mails every participant on the list the link to the minutes.
 */
import { eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import { attendance, cluster, meeting, type MeetingState } from '../db/schema';
import { authorize, managesCluster } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { ConflictError, NotFoundError } from '../errors';
import { isId } from '../directory/schema';
import { queueMail } from '../mail/outbox';
import { formatDate } from '$lib/format';
import { meetingStateLabel } from '$lib/meeting-labels';
import { m } from '$lib/paraglide/messages';
import { recipientsFor } from './recipients';
import { touched } from './edit-guard';

const NEXT: Record<MeetingState, MeetingState[]> = {
	planned: ['held'],
	held: ['published', 'planned'],
	published: ['held']
};

/** The states a meeting in `state` may move to. */
export const nextStates = (state: MeetingState) => NEXT[state];

/** Moves a meeting to another state; answers the meeting and how many mails were queued. */
export async function setMeetingState(ctx: Ctx, id: string, to: MeetingState, publicUrl: string) {
	authorize(ctx.actor, ctx.actor !== null);
	if (!isId(id)) throw new NotFoundError();
	const { actor, locale } = ctx;
	return ctx.db.transaction(async (tx) => {
		const [before] = await tx.select().from(meeting).where(eq(meeting.id, id)).for('update');
		if (!before) throw new NotFoundError();
		authorize(actor, managesCluster(actor, before.clusterId));
		if (!NEXT[before.state].includes(to))
			throw new ConflictError([
				{
					path: 'state',
					message: m.meetingmail_error_transition(
						{ from: meetingStateLabel(before.state, locale), to: meetingStateLabel(to, locale) },
						{ locale }
					)
				}
			]);
		if (to === 'published' && !before.heldOn)
			throw new ConflictError([{ path: 'date', message: m.meetingmail_error_no_date({}, { locale }) }]);
		const firstPublication = to === 'published' && !before.publishedAt;
		const [after] = await tx
			.update(meeting)
			.set({ state: to, updatedAt: touched, ...(firstPublication ? { publishedAt: new Date() } : {}) })
			.where(eq(meeting.id, id))
			.returning();
		let mailed = 0;
		if (firstPublication) {
			const [c] = await tx
				.select({ code: cluster.code })
				.from(cluster)
				.where(eq(cluster.id, before.clusterId));
			const emails = await tx
				.select({ email: attendance.email })
				.from(attendance)
				.where(eq(attendance.meetingId, id));
			for (const to of await recipientsFor(
				tx,
				emails.map((e) => e.email)
			)) {
				const args = {
					cluster: c!.code,
					title: before.title,
					date: formatDate(before.heldOn!, to.locale),
					link: `${publicUrl}/meetings/${id}`
				};
				await queueMail(tx, {
					to: to.email,
					subject: m.meetingmail_published_subject(args, { locale: to.locale }),
					body: m.meetingmail_published_body(args, { locale: to.locale })
				});
				mailed++;
			}
		}
		await recordAudit(tx, actor, {
			action: 'update',
			entityType: 'meeting',
			entityId: id,
			before: { state: before.state },
			after: { state: to, ...(firstPublication ? { mailed } : {}) }
		});
		return { meeting: after!, mailed };
	});
}
