/**
 * What a logframe import will do, as the page and the API show it before the user confirms: the
 * items it creates, with the codes they will get, and each change of an item, field by field.
 */
import type { Locale } from '../../i18n';
import type { Level } from '../framework/codes';
import { COLUMN_KEYS, columnHeader, type ColumnKey } from './columns';
import { codeOf, type Change, type LogframePlan } from './validate';
import { m } from '$lib/paraglide/messages';

export type ChangeValue = string | number | string[] | null;

export interface LogframePreview {
	uploadId: string;
	filename: string;
	createdAt: Date;
	/** The plan revision the import is checked against: changes made since refuse the confirmation. */
	revision: number;
	/** The revision the file says it was exported at; null for a file made without an export. */
	fileRevision: number | null;
	counts: { rows: number; created: number; updated: number; unchanged: number; kept: number };
	creates: {
		row: number;
		level: Level;
		code: string;
		parent: string | null;
		titleFr: string;
		titleEn: string | null;
		targets: number;
	}[];
	updates: {
		row: number;
		level: Level;
		code: string;
		titleFr: string;
		changes: { field: string; label: string; before: ChangeValue; after: ChangeValue }[];
	}[];
	ignoredColumns: { letter: string; header: string }[];
}

export function presentPreview(
	staged: { id: string; filename: string; createdAt: Date; revision: number },
	plan: LogframePlan,
	rows: number,
	locale: Locale
): LogframePreview {
	return {
		uploadId: staged.id,
		filename: staged.filename,
		createdAt: staged.createdAt,
		revision: staged.revision,
		fileRevision: plan.fileRevision,
		counts: {
			rows,
			created: plan.creates.length,
			updated: plan.updates.length,
			unchanged: plan.unchanged,
			kept: plan.kept
		},
		creates: plan.creates.map((e) => ({
			row: e.row,
			level: e.level,
			code: e.code,
			parent: e.parent ? codeOf(e.parent) : null,
			titleFr: e.titleFr,
			titleEn: e.titleEn,
			targets: [...e.targets.values()].filter((v) => v !== null).length
		})),
		updates: plan.updates.map((e) => ({
			row: e.row,
			level: e.level,
			code: e.stored!.code,
			titleFr: e.titleFr,
			changes: e.changes.map((c) => presentChange(c, locale))
		})),
		ignoredColumns: plan.ignored.map((c) => ({ letter: c.letter, header: c.header }))
	};
}

function presentChange(change: Change, locale: Locale) {
	return {
		field: change.field,
		label: fieldLabel(change.field, locale),
		before: change.before as ChangeValue,
		after: change.after as ChangeValue
	};
}

/** The field as the file's header names it: "Cible totale", "Cible ML06". */
export function fieldLabel(field: string, locale: Locale): string {
	if (field.startsWith('target ')) return m.logframe_column_place({ pcode: field.slice(7) }, { locale });
	const key = field === 'alsoServes' ? 'also' : field;
	return (COLUMN_KEYS as readonly string[]).includes(key) ? columnHeader(key as ColumnKey, locale) : field;
}
