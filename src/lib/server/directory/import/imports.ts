import { and, eq, inArray, lt } from 'drizzle-orm';
import { findStagedUpload } from '../../uploads/staged-upload';
import type { Ctx } from '../../context';
import { importUpload } from '../../db/schema';
import type { Actor } from '../../access/actor';
import { addsPeople, authorize, managesDirectory } from '../../access/policy';
import { recordAudit } from '../../audit/record-audit';
import { NotFoundError, ValidationError } from '../../errors';
import { parseInput } from '../../validation';
import { readTable, type Sheet } from '../../spreadsheets/read-table';
import type { Upload } from '../../uploads/read-upload';
import { decide, toWritePlan } from './decide-rows';
import type { DirectoryImportKind } from './fields';
import { missingMessage, planImport } from './plan-import';
import { present, type ImportPreview, type PreviewedUpload } from './present-preview';
import { importOptions } from './schema';
import { writeOrganisations, writePeople } from './write-import';
import { m } from '$lib/paraglide/messages';

export type { ImportPreview } from './present-preview';

/** Files left unconfirmed this long are dropped at the next upload. */
const KEEP_UPLOADS_MS = 24 * 60 * 60 * 1000;

const KINDS = ['organisations', 'people'] as const;

/** Coordinators import organisations; whoever adds people imports people (of the organisations they edit). */
export function importsDirectory(actor: Actor | null, kind: DirectoryImportKind): boolean {
	return kind === 'organisations' ? managesDirectory(actor) : addsPeople(actor);
}

export interface ImportResult {
	kind: DirectoryImportKind;
	filename: string;
	created: number;
	updated: number;
	/** Rows left out: by the user's choice, or because of their errors. */
	skipped: number;
	invalid: number;
}

type StagedUpload = PreviewedUpload;

/**
 * Reads a file of organisations or people and tells what importing it would do, writing nothing to
 * the directory: the file waits (a day at most) for `confirmImport`. `read` is called only once
 * the caller may import, so nobody else makes the server read a large body.
 */
export async function previewImport(
	ctx: Ctx,
	kind: DirectoryImportKind,
	read: () => Promise<Upload>,
	options: unknown = {}
): Promise<ImportPreview> {
	authorize(ctx.actor, importsDirectory(ctx.actor, kind));
	const actor = ctx.actor;
	const choices = parseInput(importOptions, options, ctx.locale);
	const { filename, bytes } = await read();
	const sheets = await readTable(bytes, filename, ctx.locale);
	// A file that cannot be imported at all is refused now, and not kept.
	const plan = await planImport(ctx.db, actor, kind, sheets, choices, ctx.locale);
	const [stored] = await ctx.db.transaction(async (tx) => {
		await tx
			.delete(importUpload)
			.where(
				and(
					inArray(importUpload.kind, [...KINDS]),
					lt(importUpload.createdAt, new Date(Date.now() - KEEP_UPLOADS_MS))
				)
			);
		return tx
			.insert(importUpload)
			.values({ userId: actor.userId, kind, filename, content: sheets })
			.returning({ id: importUpload.id, createdAt: importUpload.createdAt });
	});
	return present({ id: stored!.id, kind, filename, createdAt: stored!.createdAt, sheets }, plan, ctx.locale);
}

/**
 * The preview of a staged file, with the user's choice of sheet and columns. `kind`, when given,
 * is the kind the page expects: a file staged for the other kind is not found there.
 */
export async function getImportPreview(
	ctx: Ctx,
	id: string,
	options: unknown = {},
	kind?: DirectoryImportKind
): Promise<ImportPreview> {
	const upload = await findUpload(ctx, id, kind);
	const choices = parseInput(importOptions, options, ctx.locale);
	const plan = await planImport(ctx.db, ctx.actor!, upload.kind, upload.sheets, choices, ctx.locale);
	return present(upload, plan, ctx.locale);
}

/**
 * Imports the valid rows of a staged file, in one transaction: creates, completes the stored
 * records the user chose to update, skips the rest; an audit event per record and one for the
 * import. The file is checked again against the directory as it is now.
 */
export async function confirmImport(
	ctx: Ctx,
	id: string,
	options: unknown = {},
	kind?: DirectoryImportKind
): Promise<ImportResult> {
	const found = await findUpload(ctx, id, kind);
	const choices = parseInput(importOptions, options, ctx.locale);
	const actor = ctx.actor!;
	return ctx.db.transaction(async (tx) => {
		// Taking the file out first: a second confirmation of the same file finds nothing to import.
		const [claimed] = await tx
			.delete(importUpload)
			.where(eq(importUpload.id, found.id))
			.returning({ id: importUpload.id });
		if (!claimed) throw new NotFoundError();
		const plan = await planImport(tx, actor, found.kind, found.sheets, choices, ctx.locale);
		if (plan.missing.length)
			throw new ValidationError(
				plan.missing.map((f) => ({ path: `mapping.${f.key}`, message: missingMessage(f, ctx.locale) }))
			);
		if (plan.checked.valid.length === 0)
			throw new ValidationError([
				{ path: '', message: m.imports_error_nothing_to_import({}, { locale: ctx.locale }) }
			]);
		const decisions = decide(plan, choices.decisions, ctx.locale);
		const written =
			plan.kind === 'organisations'
				? await writeOrganisations(tx, actor, toWritePlan(plan.checked.valid, decisions))
				: await writePeople(tx, actor, toWritePlan(plan.checked.valid, decisions));
		const skipped = [...decisions.values()].filter((d) => d === 'skip').length;
		const result: ImportResult = {
			kind: found.kind,
			filename: found.filename,
			created: written.created.length,
			updated: written.updated.length,
			skipped: skipped + plan.checked.invalidRows,
			invalid: plan.checked.invalidRows
		};
		await recordAudit(tx, actor, {
			action: 'import',
			entityType: found.kind === 'organisations' ? 'organisation' : 'person',
			entityId: null,
			after: { ...result, uploadId: found.id, rows: plan.checked.total }
		});
		return result;
	});
}

/** Drops a staged file the user decided not to import. */
export async function discardImport(ctx: Ctx, id: string, kind?: DirectoryImportKind): Promise<void> {
	const upload = await findUpload(ctx, id, kind);
	await ctx.db.delete(importUpload).where(eq(importUpload.id, upload.id));
}

/** Only the user who sent a file sees it; anyone else is told it does not exist. */
async function findUpload(ctx: Ctx, id: string, kind?: DirectoryImportKind): Promise<StagedUpload> {
	const row = await findStagedUpload(ctx, id, kind ? [kind] : KINDS);
	const staged = row.kind as DirectoryImportKind;
	// The right may have been withdrawn since the upload.
	authorize(ctx.actor, importsDirectory(ctx.actor, staged));
	return {
		id: row.id,
		kind: staged,
		filename: row.filename,
		createdAt: row.createdAt,
		sheets: row.content as Sheet[]
	};
}
