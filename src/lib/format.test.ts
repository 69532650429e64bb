import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber } from './format';

// Intl writes French thousands with a narrow no-break space (U+202F).
const nnbsp = '\u202f';

describe('numbers and dates follow the locale', () => {
	it('writes French numbers with a space for thousands and a comma for decimals', () => {
		expect(formatNumber(1234.5, 'fr')).toBe(`1${nnbsp}234,5`);
		expect(formatNumber(3_700_000, 'fr')).toBe(`3${nnbsp}700${nnbsp}000`);
	});

	it('writes English numbers with a comma for thousands and a point for decimals', () => {
		expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
	});

	it('writes dates day first in both languages, as the reference report does', () => {
		expect(formatDate('2016-10-20', 'fr')).toBe('20/10/2016');
		expect(formatDate(new Date('2016-10-21T10:00:00Z'), 'en')).toBe('21/10/2016');
	});

	it('writes the time of day on 24 hours', () => {
		expect(formatDateTime('2016-10-20T14:30:00Z', 'fr')).toBe('20/10/2016 14:30');
	});
});
