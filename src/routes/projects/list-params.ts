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
