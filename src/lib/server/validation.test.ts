import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { daySchema, optionalDaySchema, parseInput, timeSchema } from './validation';
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
