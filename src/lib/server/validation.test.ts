import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { z } from 'zod';
import { daySchema, optionalDaySchema, parseInput, timeSchema, unstorableTexts } from './validation';
import { m } from '$lib/paraglide/messages';

describe('days and times typed in forms and sent to the API', () => {
	const day = daySchema('minutes_error_day');

	it('takes a real day, and refuses impossible ones and years the database cannot hold, by name', () => {
		expect(parseInput(day, '2016-10-20', 'fr')).toBe('2016-10-20');
		for (const wrong of ['2016-02-30', '0000-01-01', '0050-05-01', '20/10/2016', '2016-10-20T10:00'])
			expect(() => parseInput(day, wrong, 'en'), wrong).toThrow(
				new ValidationError([{ path: '', message: m.minutes_error_day({}, { locale: 'en' }) }])
			);
	});

	it('reads a blank optional day or time as none', () => {
		expect(parseInput(optionalDaySchema('minutes_error_day'), '  ', 'fr')).toBeNull();
		expect(parseInput(optionalDaySchema('minutes_error_day'), null, 'fr')).toBeNull();
		const time = timeSchema('minutes_error_time');
		expect([parseInput(time, '', 'fr'), parseInput(time, ' 14:30 ', 'fr')]).toEqual([null, '14:30']);
		expect(() => parseInput(time, '24:00', 'fr')).toThrow(ValidationError);
	});
});

describe('text the database cannot store and values of the wrong type', () => {
	const schema = z.object({
		title: z.string(),
		lines: z.array(z.object({ text: z.string() })),
		n: z.number()
	});

	it('refuses a NUL character or half of a UTF-16 pair, naming each field, in the user’s language', () => {
		const input = { title: 'a\u0000b', lines: [{ text: 'ok' }, { text: 'x\ud800y' }], n: 1 };
		expect(() => parseInput(schema, input, 'fr')).toThrow(
			new ValidationError([
				{ path: 'title', message: m.error_unstorable_text({}, { locale: 'fr' }) },
				{ path: 'lines.1.text', message: m.error_unstorable_text({}, { locale: 'fr' }) }
			])
		);
		expect(unstorableTexts({ ['k\u0000']: 1, ok: '😀 é' })).toEqual(['k\u0000']);
	});

	it('says in words what a value of the wrong type should have been, and the largest number allowed', () => {
		const error = (input: unknown, locale: 'fr' | 'en') => {
			try {
				parseInput(schema.extend({ n: z.number().max(1e9) }), input, locale);
			} catch (e) {
				return (e as ValidationError).errors;
			}
		};
		expect(error({ title: 5, lines: 'x', n: 2e9 }, 'en')).toEqual([
			{ path: 'title', message: 'Enter a text.' },
			{ path: 'lines', message: 'Give a list.' },
			{ path: 'n', message: 'Enter at most 1,000,000,000.' }
		]);
		expect(error({ title: 'x', lines: [], n: 'beaucoup' }, 'fr')).toEqual([
			{ path: 'n', message: m.error_expected_number({}, { locale: 'fr' }) }
		]);
	});
});
