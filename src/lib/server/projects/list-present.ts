/** What the API sends out of the project list and the 3W view: ids, codes, names and sums, never raw rows. */
import { z } from 'zod';
import { PROJECT_STATUSES } from '../db/schema';
import type { listProjects } from './list';
import type { whoWhatWhere } from './who-what-where';

const id = z.string().meta({ format: 'uuid' });
const day = z.string().meta({ format: 'date' });
const money = z.string().meta({ description: 'A decimal amount in USD, e.g. "125000.00"' });
const place = z.object({ pcode: z.string(), name: z.string() });
const statusCounts = z.object(Object.fromEntries(PROJECT_STATUSES.map((s) => [s, z.int().min(0)])));

export const projectListItemOut = z
	.object({
		id,
		code: z.string().meta({ description: 'MLI-17/ER/0001' }),
		titleFr: z.string(),
		titleEn: z.string().nullable(),
		organisation: z.object({ id, name: z.string(), acronym: z.string().nullable() }),
		cluster: z.object({ id, code: z.string() }),
		status: z.enum(PROJECT_STATUSES),
		budgetUsd: money,
		peopleTargeted: z.int().min(0),
		startsOn: day.nullable(),
		endsOn: day.nullable(),
		places: z.array(z.string()).meta({ description: 'P-codes of the places the project works in' })
	})
	.meta({ id: 'ProjectListItem' });

export const projectSumsOut = z
	.object({
		projects: z.int().min(0),
		budgetUsd: money,
		peopleTargeted: z.int().min(0).meta({ description: 'The people each project targets, added up' }),
		peopleTargetedLargestPerPlace: z.int().min(0).meta({
			description:
				'Without double counting: in each place, the largest figure of any one project there, added up over places'
		}),
		byStatus: statusCounts
	})
	.meta({ id: 'ProjectSums' });

export const projectListOut = z
	.object({
		items: z.array(projectListItemOut),
		total: z.int().min(0),
		sums: projectSumsOut.meta({ description: 'Over every project the filters select, not only this page' })
	})
	.meta({ id: 'ProjectList' });

const tally = { projects: z.int().min(0), peopleTargeted: z.int().min(0) };

export const whoWhatWhereOut = z
	.object({
		plan: z.object({ id, titleFr: z.string(), titleEn: z.string().nullable() }),
		statuses: z.array(z.enum(PROJECT_STATUSES)),
		rows: z.array(
			z.object({
				organisation: z.object({ id, name: z.string(), acronym: z.string().nullable() }),
				activity: z
					.object({
						id,
						code: z.string().meta({ description: 'A1.2.3' }),
						clusterCode: z.string(),
						titleFr: z.string(),
						titleEn: z.string().nullable()
					})
					.nullable(),
				admin1: place,
				...tally,
				admin2: z.array(z.object({ place: place.nullable(), ...tally }))
			})
		)
	})
	.meta({ id: 'WhoWhatWhere' });

export function presentProjectList(
	list: Awaited<ReturnType<typeof listProjects>>
): z.output<typeof projectListOut> {
	return { items: list.items, total: list.total, sums: list.sums };
}

export function presentWhoWhatWhere(
	view: Awaited<ReturnType<typeof whoWhatWhere>>
): z.output<typeof whoWhatWhereOut> {
	const { plan, statuses, rows } = view;
	return { plan: { id: plan.id, titleFr: plan.titleFr, titleEn: plan.titleEn }, statuses, rows };
}
