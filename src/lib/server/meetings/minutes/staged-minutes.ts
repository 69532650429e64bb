/**
 * The page's import: the file is read into a draft and kept for its author to review; confirming
 * saves the meeting (with the date filled in where the file's could not be read), discarding
 * forgets it. Nothing of the meeting exists before the confirmation.
 */
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { importUpload } from '../../db/schema';
import { findStagedUpload } from '../../uploads/staged-upload';
import type { Upload } from '../../uploads/read-upload';
import { createMeeting } from '../meetings';
import type { MinutesDraft } from './draft';
import { importMinutes } from './import-minutes';

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

/** Saves the reviewed draft as a meeting; `date` fills in a date the file did not give readably. */
export async function confirmStagedMinutes(ctx: Ctx, id: string, input: { date?: unknown }) {
	const staged = await getStagedMinutes(ctx, id);
	const date = typeof input.date === 'string' && input.date ? input.date : staged.draft.date;
	const saved = await createMeeting(ctx, staged.clusterCode, { ...staged.draft, date });
	await ctx.db.delete(importUpload).where(eq(importUpload.id, staged.id));
	return saved;
}

export async function discardStagedMinutes(ctx: Ctx, id: string) {
	const staged = await getStagedMinutes(ctx, id);
	await ctx.db.delete(importUpload).where(eq(importUpload.id, staged.id));
}
