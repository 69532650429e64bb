/**
 * The page's import: the file is read into a draft and kept for its author to review; confirming
 * saves the meeting (with the date filled in where the file's could not be read), discarding
 * forgets it. Nothing of the meeting exists before the confirmation.
 *
 * Participants the import did not find in the directory are, as the coordinator chooses for each,
 * created in it, linked to a person it already holds, or kept as a name only — in the meeting's
 * transaction, so that a refused meeting leaves no new person behind.
 */
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Database } from '../../db/client';
import { importUpload } from '../../db/schema';
import { findStagedUpload } from '../../uploads/staged-upload';
import type { Upload } from '../../uploads/read-upload';
import { ValidationError } from '../../errors';
import { isId } from '../../directory/schema';
import { createPerson } from '../../directory/people';
import { findSimilar, type PersonMatch } from '../../directory/duplicates';
import { clusterForWrite, createMeeting } from '../meetings';
import { peopleWithOrganisation } from '../attendance';
import type { MinutesDraft, ParticipantDraft } from './draft';
import { importMinutes } from './import-minutes';
import { m } from '$lib/paraglide/messages';

interface Staged {
	clusterCode: string;
	draft: MinutesDraft;
}

export async function stageMinutes(ctx: Ctx, clusterCode: string, read: () => Promise<Upload>) {
	let filename = '';
	const draft = await importMinutes(ctx, clusterCode, async () => {
		const upload = await read();
		filename = upload.filename;
		return upload;
	});
	const content: Staged = { clusterCode: clusterCode.trim().toUpperCase(), draft };
	const [row] = await ctx.db
		.insert(importUpload)
		.values({ userId: ctx.actor!.userId, kind: 'minutes', filename, content })
		.returning({ id: importUpload.id });
	return row!.id;
}

export async function getStagedMinutes(ctx: Ctx, id: string) {
	const row = await findStagedUpload(ctx, id, ['minutes']);
	return { id: row.id, filename: row.filename, ...(row.content as Staged) };
}

/** What becomes of a participant the directory does not know: created, kept as a name, or that person. */
export type ParticipantChoice = 'create' | 'name' | { personId: string };

/** The form's field that holds the choice for the participant at `index` of the draft. */
export const participantField = (index: number) => `participant-${index}`;

/** Created when the organisation is known and there is an e-mail to reach them; a name otherwise. */
export const defaultChoice = (p: ParticipantDraft): 'create' | 'name' =>
	p.organisationId && p.email ? 'create' : 'name';

/**
 * For the review: each participant the import did not link, with the directory's people they may
 * be (a near-identical name, the same e-mail) and the choice proposed.
 */
export async function reviewParticipants(ctx: Ctx, draft: MinutesDraft) {
	const review: { index: number; similar: PersonMatch[]; proposed: 'create' | 'name' }[] = [];
	for (const [index, p] of draft.participants.entries()) {
		if (p.personId) continue;
		const similar = await findSimilar(ctx, { kind: 'person', name: p.name, email: p.email }, null, 3);
		review.push({
			index,
			similar: similar.filter((s): s is PersonMatch => s.kind === 'person'),
			proposed: defaultChoice(p)
		});
	}
	return review;
}

function readChoices(draft: MinutesDraft, input: Record<string, unknown>, ctx: Ctx) {
	const errors: { path: string; message: string }[] = [];
	const choices = draft.participants.map((p, index): ParticipantChoice | null => {
		if (p.personId) return null;
		const value = input[participantField(index)];
		if (value === undefined || value === '') return defaultChoice(p);
		if (value === 'create' || value === 'name') return value;
		if (typeof value === 'string' && isId(value)) return { personId: value.toLowerCase() };
		errors.push({
			path: participantField(index),
			message: `${p.name} : ${m.attendance_error_choice({}, { locale: ctx.locale })}`
		});
		return null;
	});
	if (errors.length) throw new ValidationError(errors);
	return choices;
}

/** The draft's participants with the people created or chosen linked; inside the meeting's transaction. */
async function linkParticipants(ctx: Ctx, draft: MinutesDraft, choices: (ParticipantChoice | null)[]) {
	const linked: ParticipantDraft[] = [];
	for (const [index, p] of draft.participants.entries()) {
		const choice = choices[index];
		if (!choice || choice === 'name') {
			linked.push(p);
		} else if (choice === 'create') {
			const created = await createPerson(ctx, {
				organisationId: p.organisationId,
				name: p.name,
				jobTitle: p.function || null,
				email: p.email
			}).catch((error: unknown) => {
				// Say which participant: the form has no field of that name.
				if (!(error instanceof ValidationError)) throw error;
				throw new ValidationError(
					error.errors.map((e) => ({ path: participantField(index), message: `${p.name} : ${e.message}` }))
				);
			});
			linked.push({ ...p, personId: created.id, organisationId: created.organisationId });
		} else {
			const [known] = await peopleWithOrganisation(ctx.db, [choice.personId]);
			if (!known || known.erasedAt)
				throw new ValidationError([
					{
						path: participantField(index),
						message: `${p.name} : ${m.attendance_error_unknown_person({}, { locale: ctx.locale })}`
					}
				]);
			linked.push({ ...p, personId: known.id, organisationId: known.organisationId ?? p.organisationId });
		}
	}
	return linked;
}

/**
 * Saves the reviewed draft as a meeting; `date` fills in a date the file did not give readably, and
 * `participant-N` says what becomes of the N-th participant the directory does not know (`create`,
 * `name`, or a person's id; left out, the proposed choice).
 */
export async function confirmStagedMinutes(ctx: Ctx, id: string, input: Record<string, unknown>) {
	const staged = await getStagedMinutes(ctx, id);
	// The right is checked before anyone is created in the directory.
	await clusterForWrite(ctx, staged.clusterCode);
	const date = typeof input.date === 'string' && input.date ? input.date : staged.draft.date;
	const choices = readChoices(staged.draft, input, ctx);
	return ctx.db.transaction(async (tx) => {
		const inTx: Ctx = { ...ctx, db: tx as unknown as Database };
		const participants = await linkParticipants(inTx, staged.draft, choices);
		const saved = await createMeeting(inTx, staged.clusterCode, { ...staged.draft, date, participants });
		await tx.delete(importUpload).where(eq(importUpload.id, staged.id));
		return saved;
	});
}

export async function discardStagedMinutes(ctx: Ctx, id: string) {
	const staged = await getStagedMinutes(ctx, id);
	await ctx.db.delete(importUpload).where(eq(importUpload.id, staged.id));
}
