import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { editDistance, similarity, similarPairs, trigrams } from './similar-pairs';
import {
	comparableDomain,
	emailDomain,
	nearDomainPairs,
	nearDomains,
	registrableLabel,
	websiteDomain
} from './email-domains';

describe(`pairing near-identical texts [${databaseKind}]`, () => {
	const t = useTestDatabase();

	const samples = [
		'action contre la faim',
		"l'eau-propre 12",
		'mercycorps',
		'mercicorps',
		'boubacar cisse',
		'boubakar cisse',
		'a',
		'ca',
		'  ',
		'association pour le developpement de gao (adg)'
	];

	it('makes the trigrams and similarity that pg_trgm makes', async () => {
		for (const text of samples) {
			const result = await t.db.execute(sql`select show_trgm(${text}) as grams`);
			const [row] = (result as unknown as { rows: { grams: string[] }[] }).rows;
			expect([...trigrams(text)].sort(), text).toEqual([...row!.grams].sort());
		}
		for (const a of samples)
			for (const b of samples) {
				const result = await t.db.execute(sql`select similarity(${a}, ${b}) as s`);
				const [row] = (result as unknown as { rows: { s: number }[] }).rows;
				expect(similarity(a, b)).toBeCloseTo(Number(row!.s), 5);
			}
	});

	it('finds exactly the pairs that comparing every two texts finds', () => {
		const words = ['traore', 'diarra', 'keita', 'cisse', 'maiga', 'toure', 'ba', 'sy'];
		let seed = 7;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		const texts = Array.from({ length: 400 }, () =>
			Array.from(
				{ length: 1 + Math.floor(random() * 3) },
				() => words[Math.floor(random() * words.length)]
			).join(' ')
		);
		texts.push('', '—');
		for (const threshold of [0.2, 0.6, 0.9]) {
			const expected: string[] = [];
			for (let a = 0; a < texts.length; a++)
				for (let b = a + 1; b < texts.length; b++)
					if (similarity(texts[a]!, texts[b]!) >= threshold) expected.push(`${a}-${b}`);
			const { pairs, complete } = similarPairs(texts, threshold);
			expect(complete).toBe(true);
			expect(pairs.map((p) => `${p.a}-${p.b}`).sort()).toEqual(expected.sort());
			for (const p of pairs) expect(p.score).toBeCloseTo(similarity(texts[p.a]!, texts[p.b]!), 9);
		}
		const capped = similarPairs(texts, 0.2, 10);
		expect(capped).toMatchObject({ complete: false, pairs: { length: 10 } });
	});

	it('counts edits, and stops counting past the bound', () => {
		expect(editDistance('mercycorps', 'mercicorps')).toBe(1);
		expect(editDistance('kitten', 'sitting')).toBe(3);
		expect(editDistance('', 'abc')).toBe(3);
		expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
	});

	it('compares e-mail domains by the part their owner chose, never webmail', () => {
		expect(emailDomain('A.Traore@MerciCorps.org')).toBe('mercicorps.org');
		expect(emailDomain('someone@gmail.com')).toBeNull();
		expect(websiteDomain('https://www.mercycorps.org/mali')).toBe('mercycorps.org');
		expect(websiteDomain('not a url')).toBeNull();
		expect(comparableDomain(' WWW.Oxfam.org.uk. ')).toBe('oxfam.org.uk');
		expect(registrableLabel('oxfam.org.uk')).toBe('oxfam');
		expect(registrableLabel('sante.gouv.ml')).toBe('sante');
		expect(registrableLabel('acf-international.org')).toBe('acf-international');

		expect(nearDomains('mercicorps.org', 'mercycorps.org')).toEqual({ edits: 1 });
		expect(nearDomains('oxfam.org', 'oxfam.org.uk')).toEqual({ edits: 0 });
		expect(nearDomains('savethechildren.org', 'savethechildrn.net')).toEqual({ edits: 1 });
		expect(nearDomains('internationalmedical.org', 'internatonalmedcal.org')).toEqual({ edits: 2 });
		// Short names are distinct organisations a letter apart: two refugee councils, two UN agencies.
		expect(nearDomains('nrc.no', 'drc.no')).toBeNull();
		expect(nearDomains('wfp.org', 'wvi.org')).toBeNull();
		expect(nearDomains('unicef.org', 'unicef.org')).toBeNull();
		expect(nearDomains('plan.org', 'care.org')).toBeNull();
	});

	it('pairs near domains among many as comparing each two would', () => {
		const domains = [
			'mercycorps.org',
			'mercicorps.org',
			'oxfam.org',
			'oxfam.org.uk',
			'nrc.no',
			'drc.ngo',
			'savethechildren.org',
			'savethechildrn.net',
			'unicef.org',
			'unhcr.org',
			'internationalmedical.org',
			'internatonalmedcal.org'
		];
		const expected: string[] = [];
		for (let a = 0; a < domains.length; a++)
			for (let b = a + 1; b < domains.length; b++)
				if (nearDomains(domains[a]!, domains[b]!)) expected.push(`${a}-${b}`);
		expect(
			nearDomainPairs(domains)
				.map((p) => `${p.a}-${p.b}`)
				.sort()
		).toEqual([...expected].sort());
		expect(expected).toEqual(['0-1', '2-3', '6-7', '10-11']);
	});
});
