type Locale = 'fr' | 'en';
type Label = (inputs?: object, options?: { locale?: Locale }) => string;

/** A function naming each value of a set in the user's language (the value itself if unknown). */
export const labelOf =
	<K extends string>(labels: Record<K, Label>) =>
	(value: K, locale?: Locale) =>
		(labels[value] as Label | undefined)?.({}, locale ? { locale } : {}) ?? value;
