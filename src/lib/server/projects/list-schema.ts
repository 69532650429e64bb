/**
 * The filters of a plan's project list, as the page, the exports and the API take them: the same
 * schemas validate all three and feed the OpenAPI document.
 */
import { z } from 'zod';
import { PROJECT_STATUSES } from '../db/schema';
import { clusterCode, listQuery } from '../directory/schema';
import { isPcode, normalisePcode } from '../locations/pcode';
import { blankAsAbsent, hint } from '../validation';

/** One status or several: repeated (`?status=a&status=b`), a list in JSON, or `approved,published`. */
const statuses = z
	.union([z.array(z.string()), z.string().transform((s) => s.split(/[\s,;]+/).filter(Boolean))])
	.pipe(
		z
			.array(z.enum(PROJECT_STATUSES, hint('projectlist_error_status')))
			.max(PROJECT_STATUSES.length, hint('projectlist_error_status'))
	)
	.transform((list) => (list.length ? [...new Set(list)] : undefined));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A place by the id of its row or by its P-code (`ML06`, `ml0601`). */
const place = z
	.string()
	.trim()
	.transform((text): { id: string } | { pcode: string } =>
		UUID.test(text) ? { id: text.toLowerCase() } : { pcode: normalisePcode(text) }
	)
	.refine((p) => 'id' in p || isPcode(p.pcode), hint('projectlist_error_place'));
export type PlaceFilter = z.output<typeof place>;

export const projectFilters = z.object({
	plan: z.uuid(hint('projectlist_error_plan')),
	status: blankAsAbsent(statuses),
	/** The appealing organisation or one of the implementing partners. */
	organisation: blankAsAbsent(z.uuid(hint('error_unknown_organisation'))),
	/** Projects working in this place or a place inside it (a cercle of a région). */
	place: blankAsAbsent(place),
	/** Projects serving this cluster objective. */
	objective: blankAsAbsent(z.uuid(hint('projectlist_error_objective'))),
	/** Projects of this cluster (its code), as lead cluster or one the project spans. */
	cluster: blankAsAbsent(clusterCode),
	q: z.string().trim().max(200).optional()
});
export type ProjectFilters = z.output<typeof projectFilters>;

export const projectListQuery = listQuery.extend(projectFilters.shape);

export const PROJECT_EXPORT_FORMATS = ['csv', 'xlsx', 'hxl', 'iati'] as const;
export type ProjectExportFormat = (typeof PROJECT_EXPORT_FORMATS)[number];

export const projectExportQuery = projectFilters.extend({
	format: z.enum(PROJECT_EXPORT_FORMATS, hint('projectlist_error_format'))
});

/** The 3W view: approved and published projects unless other statuses are asked for. */
export const whoWhatWhereQuery = projectFilters.pick({ plan: true, status: true, cluster: true });
