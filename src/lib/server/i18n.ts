import { baseLocale, isLocale, locales, type Locale } from '$lib/paraglide/runtime';

export { baseLocale, locales, type Locale };

export function toLocale(value: unknown): Locale {
	return typeof value === 'string' && isLocale(value) ? value : baseLocale;
}

/** The best of our locales for an Accept-Language header (French when nothing matches). */
export function localeFromAcceptLanguage(header: string | null): Locale {
	if (!header) return baseLocale;
	const ranked = header
		.split(',')
		.map((part) => {
			const [tag = '', q = 'q=1'] = part.trim().split(';');
			return { tag: tag.toLowerCase().split('-')[0] ?? '', q: Number(q.split('=')[1] ?? 1) };
		})
		.sort((a, b) => b.q - a.q);
	return ranked.map((r) => r.tag).find(isLocale) ?? baseLocale;
}
