import { and, eq, lt, sql } from 'drizzle-orm';
import { findStagedUpload } from '../uploads/staged-upload';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { importUpload, location } from '../db/schema';
import { authorize, isAdmin } from '../access/policy';
import type { Actor } from '../access/actor';
import { recordAudit } from '../audit/record-audit';
import { parseInput } from '../validation';
import type { Locale } from '../i18n';
import { comparePlaces, type PlacesPlan, type PlacesReport, type StoredPlace } from './compare-places';
import { countUses } from './place-usage';
import type { PlaceList } from './place-list';
import { readPlaceGeojson } from './read-place-geojson';
import { readPlaceTable } from './read-place-table';
import { placesImportOptions } from './schema';

/** DESIGN.md: administrators keep the places; everyone, visitors included, reads them. */
export function importsPlaces(actor: Actor | null): boolean {
	return isAdmin(actor);
}

/** For the import pages: refuses anyone but an administrator, a visitor being sent to sign in. */
export function checkImportsPlaces(ctx: Ctx): void {
	authorize(ctx.actor, importsPlaces(ctx.actor));
}

/** A file as the user sent it, with the form's or the query's options beside it. */
export interface PlacesSource {
	filename: string;
	bytes: Uint8Array;
	options: unknown;
}

export interface PlacesPreview {
	/** The upload waiting for confirmation. */
	id: string;
	createdAt: Date;
	report: PlacesReport;
}

/** Uploads left unconfirmed this long are dropped at the next upload. */
const KEEP_UPLOADS_MS = 24 * 60 * 60 * 1000;

/** Two imports at once would compare against a list the other is changing. */
const IMPORT_LOCK = sql`hashtext('concerto.places-import')`;

/**
 * Reads a P-code list (CSV, spreadsheet or COD-AB GeoJSON) and reports what it would change,
 * changing nothing but keeping the file for `applyPlacesImport`. `read` is called only once the
 * caller is known to be an administrator, so nobody else makes the server read a large body.
 */
export async function previewPlacesImport(
	ctx: Ctx,
	read: () => Promise<PlacesSource>
): Promise<PlacesPreview> {
	authorize(ctx.actor, importsPlaces(ctx.actor));
	const actor = ctx.actor;
	const { filename, bytes, options } = await read();
	const list = await readPlaceList(filename, bytes, options, ctx.locale);
	const plan = await planImport(ctx.db, list, ctx.locale);
	const [stored] = await ctx.db.transaction(async (tx) => {
		await tx
			.delete(importUpload)
			.where(
				and(
					eq(importUpload.kind, 'places'),
					lt(importUpload.createdAt, new Date(Date.now() - KEEP_UPLOADS_MS))
				)
			);
		return tx
			.insert(importUpload)
			.values({ userId: actor.userId, kind: 'places', filename: list.filename, content: list })
			.returning({ id: importUpload.id, createdAt: importUpload.createdAt });
	});
	return { id: stored!.id, createdAt: stored!.createdAt, report: plan.report };
}

/** The report of an upload waiting for confirmation, against the places as they are now. */
export async function getPlacesImport(ctx: Ctx, id: string): Promise<PlacesPreview> {
	const upload = await findUpload(ctx, id);
	const plan = await planImport(ctx.db, upload.list, ctx.locale);
	return { id: upload.id, createdAt: upload.createdAt, report: plan.report };
}

/**
 * Applies an upload: adds the new places, renames and moves the changed ones, restores those the
 * list brings back, and retires — never deletes — those it leaves out, so that every record that
 * names a place keeps it. The report goes into the audit event.
 */
export async function applyPlacesImport(ctx: Ctx, id: string): Promise<PlacesReport> {
	const upload = await findUpload(ctx, id);
	return ctx.db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
		// Compared again inside the lock: the places may have changed since the preview.
		const plan = await planImport(tx, upload.list, ctx.locale);
		await writePlan(tx, plan);
		await tx.delete(importUpload).where(eq(importUpload.id, upload.id));
		await recordAudit(tx, ctx.actor, {
			action: 'import',
			entityType: 'location',
			entityId: null,
			after: plan.report
		});
		return plan.report;
	});
}

/** Drops an upload the user decided not to apply. */
export async function discardPlacesImport(ctx: Ctx, id: string): Promise<void> {
	const upload = await findUpload(ctx, id);
	await ctx.db.delete(importUpload).where(eq(importUpload.id, upload.id));
}

async function readPlaceList(filename: string, bytes: Uint8Array, options: unknown, locale: Locale) {
	const { format, ...choice } = parseInput(placesImportOptions, options, locale);
	return (format ?? guessFormat(filename, bytes)) === 'geojson'
		? readPlaceGeojson(bytes, filename, choice, locale)
		: readPlaceTable(bytes, filename, choice, locale);
}

/** A `.geojson` name, or a JSON object that says it is a GeoJSON feature collection. */
function guessFormat(filename: string, bytes: Uint8Array): 'csv' | 'geojson' {
	if (/\.geojson$/i.test(filename)) return 'geojson';
	const start = new TextDecoder().decode(bytes.subarray(0, 2000));
	return /^\s*\{[\s\S]*"type"\s*:\s*"(FeatureCollection|Feature)"/.test(start) ? 'geojson' : 'csv';
}

/** Only the administrator who uploaded a file sees and applies it; anyone else is told it does not exist. */
async function findUpload(ctx: Ctx, id: string) {
	authorize(ctx.actor, importsPlaces(ctx.actor));
	const row = await findStagedUpload(ctx, id, ['places']);
	return { id: row.id, createdAt: row.createdAt, list: row.content as PlaceList };
}

async function planImport(db: Executor, list: PlaceList, locale: Locale): Promise<PlacesPlan> {
	const stored: StoredPlace[] = await db
		.select({
			id: location.id,
			pcode: location.pcode,
			name: location.name,
			level: location.level,
			parentId: location.parentId,
			validFrom: location.validFrom,
			retiredAt: location.retiredAt
		})
		.from(location);
	const plan = comparePlaces(list, stored, locale);
	const uses = await countUses(db, plan.retireIds);
	const ids = new Map(stored.map((p) => [p.pcode, p.id]));
	for (const place of plan.report.retired) place.uses = uses.get(ids.get(place.pcode)!) ?? 0;
	return plan;
}

/** Rows per statement: a few hundred places with their outlines stay well under any limit. */
const BATCH = 200;

async function writePlan(tx: Executor, plan: PlacesPlan) {
	const ids = new Map(
		(await tx.select({ id: location.id, pcode: location.pcode }).from(location)).map((p) => [p.pcode, p.id])
	);
	// Parents come before their children in `inserts`, so each parent's id is known when needed.
	for (const level of [...new Set(plan.inserts.map((p) => p.level))]) {
		const atLevel = plan.inserts.filter((p) => p.level === level);
		for (let start = 0; start < atLevel.length; start += BATCH) {
			const rows = await tx
				.insert(location)
				.values(
					atLevel.slice(start, start + BATCH).map((p) => ({
						pcode: p.pcode,
						name: p.name,
						level: p.level,
						parentId: p.parentPcode === null ? null : ids.get(p.parentPcode)!,
						validFrom: p.validFrom,
						geometry: p.geometry ?? null,
						displayGeometry: p.displayGeometry ?? null
					}))
				)
				.returning({ id: location.id, pcode: location.pcode });
			for (const row of rows) ids.set(row.pcode, row.id);
		}
	}
	for (let start = 0; start < plan.updates.length; start += BATCH) {
		const rows = plan.updates.slice(start, start + BATCH).map((p) => ({
			id: p.id,
			name: p.name,
			level: p.level,
			parent_id: p.parentPcode === null ? null : ids.get(p.parentPcode)!,
			valid_from: p.validFrom,
			geometry: p.geometry ?? null,
			display_geometry: p.displayGeometry ?? null
		}));
		// One statement per batch; a place keeps its outline and date when the file has none.
		await tx.execute(sql`
			update location l set
				name = v.name,
				level = v.level,
				parent_id = v.parent_id,
				valid_from = coalesce(v.valid_from, l.valid_from),
				geometry = coalesce(v.geometry, l.geometry),
				display_geometry = coalesce(v.display_geometry, l.display_geometry),
				retired_at = null,
				updated_at = now()
			from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(
				id uuid, name text, level int, parent_id uuid, valid_from text, geometry jsonb, display_geometry jsonb)
			where l.id = v.id`);
	}
	for (let start = 0; start < plan.retireIds.length; start += BATCH) {
		const chunk = plan.retireIds.slice(start, start + BATCH);
		await tx
			.update(location)
			.set({ retiredAt: sql`now()`, updatedAt: sql`now()` })
			.where(
				sql`${location.id} in (${sql.join(
					chunk.map((id) => sql`${id}::uuid`),
					sql`, `
				)})`
			);
	}
}
