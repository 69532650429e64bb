import type { PageServerLoad } from './$types';
import { load as guard } from '$lib/server/forms';
import { compareVersions, listVersions } from '$lib/server/projects/versions';
import { titleIn } from '$lib/plan-labels';

type Side = number | 'current';

/** `3` or `current` from the address; anything else is not a version. */
function side(value: string | null, numbers: number[]): Side | null {
	if (value === 'current') return 'current';
	const n = Number(value);
	return value && Number.isInteger(n) && numbers.includes(n) ? n : null;
}

/**
 * The submitted versions of a project and any two of them (or one and the sheet as it is now) side
 * by side. Without a choice: the last two submissions, or the only one against the current sheet.
 */
export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const params = event.url.searchParams;
		const { project, versions } = await listVersions(ctx, event.params.id);
		const numbers = versions.map((v) => v.number);
		const last = numbers.at(-1);
		const from =
			side(params.get('from'), numbers) ?? (last === undefined ? null : last > 1 ? last - 1 : last);
		const to = side(params.get('to'), numbers) ?? (last === undefined ? null : last > 1 ? last : 'current');
		const comparison = from !== null && to !== null ? await compareVersions(ctx, project.id, from, to) : null;
		const onlyChanged = params.get('changed') === '1';
		return {
			project: {
				id: project.id,
				code: project.code,
				title: titleIn(project, ctx.locale)
			},
			versions,
			from,
			to,
			onlyChanged,
			changes: comparison?.fields.filter((f) => f.changed).length ?? 0,
			fields: comparison ? comparison.fields.filter((f) => f.changed || !onlyChanged) : []
		};
	});
