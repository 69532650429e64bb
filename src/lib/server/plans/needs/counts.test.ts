import { describe, expect, it } from 'vitest';
import { readCount } from './counts';

describe('readCount: people counts as users type them', () => {
	it.each([
		['1234', 1234],
		['1 234', 1234],
		['1\u00a0234', 1234],
		['1\u202f234 567', 1234567],
		['1,234', 1234],
		['12,345,678', 12345678],
		['  42 ', 42],
		['0', 0],
		['12.0', 12],
		['12,00', 12],
		[7, 7],
		['', null],
		['-', null],
		[null, null]
	])('%j is %j', (input, value) => {
		expect(readCount(input)).toEqual({ value });
	});

	it.each([
		['-5', 'negative'],
		['−1 200', 'negative'],
		[-3, 'negative'],
		['12,5', 'decimal'],
		['12.5', 'decimal'],
		['1.234', 'decimal'],
		// Twelve thousand in French writing: refused, never read as 12.
		['12.000', 'decimal'],
		[0.5, 'decimal'],
		['12 34', 'not-number'],
		['1,23', 'decimal'],
		['abc', 'not-number'],
		['12 personnes', 'not-number'],
		[Number.NaN, 'not-number'],
		[true, 'not-number'],
		['2000000000', 'too-large']
	])('%j is refused as %s', (input, problem) => {
		expect(readCount(input)).toEqual({ problem });
	});
});
