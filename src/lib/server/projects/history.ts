/**
 * A project's history of statuses: who moved it, when, and why. A return's comments on sections are
 * kept apart from its general message and named when read, in the reader's language.
 */
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { projectTransition } from '../db/schema';
import type { Locale } from '../i18n';
import { sectionLabel } from '$lib/project-sheet-labels';
import type { SheetSection } from './sheet-schema';

/** The moves, oldest first, each comment as the reader reads it. */
export async function readHistory(db: Executor, projectId: string, locale: Locale) {
	const rows = await db
		.select({
			id: projectTransition.id,
			fromStatus: projectTransition.fromStatus,
			toStatus: projectTransition.toStatus,
			comment: projectTransition.comment,
			sections: projectTransition.sections,
			actor: projectTransition.actorLabel,
			at: projectTransition.at
		})
		.from(projectTransition)
		.where(eq(projectTransition.projectId, projectId))
		.orderBy(asc(projectTransition.at), asc(projectTransition.id));
	return rows.map(({ sections, ...row }) => ({
		...row,
		comment: [
			row.comment,
			...sections.map(([section, text]) => `${sectionLabel(section as SheetSection, locale)} — ${text}`)
		]
			.filter(Boolean)
			.join('\n')
	}));
}
