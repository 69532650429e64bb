/**
 * People counts as users type them: "1 234" (French, with any kind of space), "1,234" (English),
 * "1234". Counts are whole people, so "12,5" or "12.5" is refused rather than rounded; a blank cell
 * is "not given", which is not the same as 0.
 */

/** People by sex and age group code: `{ girls: 1200, boys: 1100 }`; a code left out was not given. */
export type Counts = Record<string, number>;

export type CountProblem = 'negative' | 'decimal' | 'not-number' | 'too-large';
export type CountReading = { value: number | null } | { problem: CountProblem };

/** Far above any caseload, low enough to catch a pasted phone number or a date serial glued to digits. */
const MAX_COUNT = 1_000_000_000;

const SPACES = /[\s\u00a0\u202f]+/g;
const PLAIN = /^\d+$/;
const GROUPED_BY_SPACE = /^\d{1,3}( \d{3})+$/;
const GROUPED_BY_COMMA = /^\d{1,3}(,\d{3})+$/;
/**
 * 12.0 or 12,00 as a spreadsheet may write a whole number; never "12.000", which in French
 * writing is twelve thousand: that one is refused rather than read a thousand times too small.
 */
const ZERO_FRACTION = /^(\d+)[.,]0{1,2}$/;
const FRACTION = /^\d*[.,]\d+$|^\d+[.,]\d*$/;

export function readCount(input: unknown): CountReading {
	if (input === null || input === undefined) return { value: null };
	if (typeof input === 'number') return checkNumber(input);
	if (typeof input !== 'string') return { problem: 'not-number' };
	const text = input.replace(SPACES, ' ').trim();
	// A lone dash is how many tables write "none given".
	if (text === '' || /^[-–—]$/.test(text)) return { value: null };
	if (/^[-−]/.test(text)) {
		const rest = readCount(text.slice(1));
		return 'value' in rest || rest.problem === 'decimal' ? { problem: 'negative' } : rest;
	}
	if (PLAIN.test(text) || GROUPED_BY_SPACE.test(text) || GROUPED_BY_COMMA.test(text))
		return checkNumber(Number(text.replace(/[ ,]/g, '')));
	const zero = ZERO_FRACTION.exec(text);
	if (zero) return checkNumber(Number(zero[1]));
	if (FRACTION.test(text.replaceAll(' ', ''))) return { problem: 'decimal' };
	return { problem: 'not-number' };
}

function checkNumber(n: number): CountReading {
	if (!Number.isFinite(n)) return { problem: 'not-number' };
	if (n < 0) return { problem: 'negative' };
	if (!Number.isInteger(n)) return { problem: 'decimal' };
	if (n > MAX_COUNT) return { problem: 'too-large' };
	return { value: n };
}

/** The total of the given counts; null when none is given. */
export function total(counts: Counts): number | null {
	const values = Object.values(counts);
	return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
}

/** Adds `counts` into `into`, code by code. */
export function addCounts(into: Counts, counts: Counts): Counts {
	for (const [code, n] of Object.entries(counts)) into[code] = (into[code] ?? 0) + n;
	return into;
}
