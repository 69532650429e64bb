import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { compareRevisions, namesFor } from '$lib/server/plans/needs/compare';
import { PARTS } from '$lib/server/plans/needs/check-rows';

/** Rows shown; the count says how many more changed. */
const SHOWN = 500;

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { locale } = event.locals;
		const c = await compareRevisions(
			event.locals.ctx,
			event.params.id,
			event.params.code,
			Object.fromEntries(event.url.searchParams)
		);
		const { plan, cluster, sexAgeGroups } = { ...c.part, sexAgeGroups: c.part.plan.sexAgeGroups };
		const names = namesFor(c.places, c.groups, sexAgeGroups, locale);
		const rows = c.changes.slice(0, SHOWN).map((change) => {
			const { before, after } = c.rowsOf(change);
			const changed = new Set(change.cells.map((cell) => `${cell.part}:${cell.code}`));
			return {
				place: names.place(change.pcode),
				group: names.group(change.group),
				kind: change.kind,
				cells: PARTS.map((part) =>
					sexAgeGroups.map((g) => ({
						before: before?.[part][g.code] ?? null,
						after: after?.[part][g.code] ?? null,
						changed: changed.has(`${part}:${g.code}`)
					}))
				)
			};
		});
		return {
			plan: { id: plan.id, titleFr: plan.titleFr, titleEn: plan.titleEn },
			cluster,
			from: c.from,
			to: c.to,
			columns: sexAgeGroups.map((g) => (locale === 'en' ? g.nameEn : g.nameFr)),
			codes: sexAgeGroups.map((g) => g.code),
			rows,
			rowCount: c.changes.length,
			changedCells: c.changedCells,
			totals: c.totals
		};
	});
