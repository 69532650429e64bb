/**
 * Dates and times as French minutes write them: "20 octobre 2016", "vendredi 21 octobre", "1er
 * novembre", "21/10/2016", "14h30", "10h". A date without a year takes the meeting's year. What
 * cannot be read gives null — the caller flags it for the user instead of guessing.
 */
const MONTHS: Record<string, number> = {
	janvier: 1,
	fevrier: 2,
	mars: 3,
	avril: 4,
	mai: 5,
	juin: 6,
	juillet: 7,
	aout: 8,
	septembre: 9,
	octobre: 10,
	novembre: 11,
	decembre: 12
};

const fold = (text: string) =>
	text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();

/** An ISO date, or null when the text is not a date or names a day that does not exist. */
export function readFrenchDate(text: string, defaultYear: number | null = null): string | null {
	const words = fold(text).trim();
	const numeric = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(words);
	if (numeric) return isoDate(yearOf(numeric[3], defaultYear), Number(numeric[2]), Number(numeric[1]));
	const named = /^(?:[a-z]+\s+)?(\d{1,2})(?:er)?\s+([a-z]+)(?:\s+(\d{4}))?$/.exec(words);
	if (!named) return null;
	const month = MONTHS[named[2]!];
	if (!month) return null;
	return isoDate(yearOf(named[3], defaultYear), month, Number(named[1]));
}

function yearOf(written: string | undefined, defaultYear: number | null): number | null {
	if (!written) return defaultYear;
	return written.length === 2 ? 2000 + Number(written) : Number(written);
}

function isoDate(year: number | null, month: number, day: number): string | null {
	if (year === null) return null;
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
	return date.toISOString().slice(0, 10);
}

/** "14h30", "14 h 30", "10h", "14:30" → "HH:MM"; null otherwise. */
export function readFrenchTime(text: string): string | null {
	const match = /^(\d{1,2})\s*(?:h|:)\s*(\d{2})?$/i.exec(text.trim());
	if (!match) return null;
	const hours = Number(match[1]);
	const minutes = Number(match[2] ?? 0);
	if (hours > 23 || minutes > 59) return null;
	return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
