/** Numbers and dates as the user's locale writes them: 1 234,5 and 21/10/2016 in French. */
const tags = { fr: 'fr-FR', en: 'en-GB' } as const;
type Locale = keyof typeof tags;

export function formatNumber(value: number, locale: Locale): string {
	return new Intl.NumberFormat(tags[locale]).format(value);
}

export function formatDate(value: Date | string, locale: Locale): string {
	return new Intl.DateTimeFormat(tags[locale], {
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: Locale): string {
	return new Intl.DateTimeFormat(tags[locale], {
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: 'UTC'
	}).format(new Date(value));
}
