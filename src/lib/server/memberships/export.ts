import { z } from 'zod';
import type { Ctx } from '../context';
import type { Download } from '../downloads';
import { hint, parseInput } from '../validation';
import { writeTable } from '../spreadsheets/write-table';
import { EXPORT_FORMATS } from '../directory/schema';
import { organisationTypeLabel } from '$lib/organisation-labels';
import { membershipStageLabel } from '$lib/membership-labels';
import { getPipelineCluster, listMemberships } from './queries';
import { membershipFilters } from './schema';
import { m } from '$lib/paraglide/messages';

export const pipelineExportQuery = membershipFilters.extend({
	format: z.enum(EXPORT_FORMATS, hint('directory_error_format'))
});

/** A cluster's whole pipeline under the list's filters, as the coordinator works through it offline. */
export async function exportPipeline(
	ctx: Ctx,
	clusterId: string,
	query: Record<string, unknown>
): Promise<Download> {
	const { format, ...filters } = parseInput(pipelineExportQuery, query, ctx.locale);
	const c = await getPipelineCluster(ctx, clusterId);
	const items = [];
	// The list reads 500 at most at a time; a pipeline is rarely longer than one such page.
	for (let offset = 0; ; offset += 500) {
		const page = await listMemberships(ctx, c.id, { ...filters, limit: 500, offset });
		items.push(...page.items);
		if (items.length >= page.total || page.items.length === 0) break;
	}
	const locale = { locale: ctx.locale };
	const hxl = format === 'hxl';
	const columns = [
		{ header: m.directory_field_name({}, locale), hashtag: '#org +name' },
		{ header: m.directory_organisation_acronym({}, locale), hashtag: '#org +acronym' },
		{ header: m.directory_type({}, locale), hashtag: '#org +type' },
		{ header: m.directory_filter_stage({}, locale), hashtag: '#status' },
		{ header: m.membership_export_since({}, locale), hashtag: '#date' },
		{ header: m.membership_export_last_note({}, locale), hashtag: '#description' },
		{ header: m.directory_organisation_focal_points({}, locale), hashtag: '#contact +name' }
	];
	const rows = items.map((r) => [
		r.organisationName,
		r.organisationAcronym,
		hxl ? r.organisationType : organisationTypeLabel(r.organisationType, ctx.locale),
		hxl ? r.stage : membershipStageLabel(r.stage, ctx.locale),
		r.since ? new Date(r.since).toISOString().slice(0, 10) : null,
		r.lastNote,
		r.focalPointName
	]);
	const file = writeTable(format, columns, rows, c.code);
	return {
		...file,
		filename: `pipeline-${c.code}-${new Date().toISOString().slice(0, 10)}.${file.extension}`
	};
}
