/**
 * A project's history of statuses: who moved it, when, and why. A return's comments on sections
 * are the section comments saved with it (same project, same instant), named when read in the
 * reader's language and in the sheet's order.
 */
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { projectSectionComment, projectTransition } from '../db/schema';
import type { Locale } from '../i18n';
import { sectionLabel } from '$lib/project-sheet-labels';
import { SHEET_SECTIONS, type SheetSection } from './sheet-schema';

/** The moves, oldest first, each comment as the reader reads it. */
export async function readHistory(db: Executor, projectId: string, locale: Locale) {
	const rows = await db
		.select({
			id: projectTransition.id,
			fromStatus: projectTransition.fromStatus,
			toStatus: projectTransition.toStatus,
			comment: projectTransition.comment,
			actor: projectTransition.actorLabel,
			at: projectTransition.at
		})
		.from(projectTransition)
		.where(eq(projectTransition.projectId, projectId))
		.orderBy(asc(projectTransition.at), asc(projectTransition.id));
	const sections = await db
		.select({
			section: projectSectionComment.section,
			body: projectSectionComment.body,
			at: projectSectionComment.createdAt
		})
		.from(projectSectionComment)
		.where(eq(projectSectionComment.projectId, projectId));
	const order = (s: string) => SHEET_SECTIONS.indexOf(s as SheetSection);
	return rows.map((row) => {
		const returned =
			row.toStatus === 'revision-requested'
				? sections
						.filter((s) => s.at.getTime() === row.at.getTime())
						.sort((a, b) => order(a.section) - order(b.section))
						.map((s) => `${sectionLabel(s.section as SheetSection, locale)} — ${s.body}`)
				: [];
		return { ...row, comment: [row.comment, ...returned].filter(Boolean).join('\n') };
	});
}
