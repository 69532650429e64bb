import { m } from '$lib/paraglide/messages';
import { titleIn } from '$lib/plan-labels';

/** The list's filters as the address carries them: statuses may repeat (`?status=a&status=b`). */
export const TEXT_FILTERS = ['q', 'organisation', 'place', 'objective', 'cluster'] as const;

export function filtersFrom(params: URLSearchParams) {
	const text = Object.fromEntries(TEXT_FILTERS.map((key) => [key, params.get(key) ?? ''])) as Record<
		(typeof TEXT_FILTERS)[number],
		string
	>;
	const status = params
		.getAll('status')
		.flatMap((s) => s.split(','))
		.filter(Boolean);
	return { ...text, status };
}

/** The address of the same selection elsewhere (an export, the 3W view), without paging. */
export function selectionQuery(params: URLSearchParams, extra: Record<string, string> = {}): string {
	const kept = [...params].filter(([key]) => key !== 'offset' && key !== 'format' && !key.startsWith('/'));
	kept.push(...Object.entries(extra));
	return kept.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** The plans a filter form offers, each by its title in the reader's language. */
export const planChoices = (
	plans: { id: string; titleFr: string; titleEn: string | null }[],
	locale: string
) => plans.map((p) => ({ value: p.id, label: titleIn(p, locale) }));

/** The clusters a filter form offers, by code, after "any cluster". */
export const clusterChoices = (clusters: { code: string }[]) => [
	{ value: '', label: m.projectlist_any_cluster() },
	...clusters.map((c) => ({ value: c.code, label: c.code }))
];
