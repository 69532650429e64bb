/**
 * E-mail domains as evidence that two organisations are one: the same domain, or domains whose
 * distinctive part differs by a letter or two (the meeting report's `mercicorps.org` beside Mercy
 * Corps' `mercycorps.org`).
 */
import { editDistance, similarPairs } from './similar-pairs';

/**
 * Mail services anyone can sign up to: two organisations whose staff write from gmail.com are not
 * one organisation for that.
 */
const WEBMAIL = new Set([
	'gmail.com',
	'googlemail.com',
	'yahoo.com',
	'yahoo.fr',
	'ymail.com',
	'hotmail.com',
	'hotmail.fr',
	'outlook.com',
	'outlook.fr',
	'live.com',
	'live.fr',
	'msn.com',
	'icloud.com',
	'me.com',
	'aol.com',
	'protonmail.com',
	'proton.me',
	'gmx.com',
	'gmx.fr',
	'laposte.net',
	'orange.fr',
	'orangemali.net',
	'afribone.net.ml',
	'mail.com'
]);

/** Second-level labels under which a country code registers names (`sante.gouv.ml`, `oxfam.org.uk`). */
const SECOND_LEVEL = new Set(['ac', 'co', 'com', 'edu', 'gov', 'gouv', 'net', 'org', 'or', 'ne', 'go']);

/** A domain as compared: lower case, without `www.`; null for webmail and for what is not a domain. */
export function comparableDomain(value: string | null | undefined): string | null {
	const domain = value
		?.trim()
		.toLowerCase()
		.replace(/^www\./, '')
		.replace(/\.$/, '');
	if (!domain || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) || WEBMAIL.has(domain)) return null;
	return domain;
}

/** The domain of an address (`a.traore@mercicorps.org` → `mercicorps.org`), if not webmail. */
export function emailDomain(email: string | null | undefined): string | null {
	const at = email?.lastIndexOf('@') ?? -1;
	return at < 0 ? null : comparableDomain(email!.slice(at + 1));
}

/** The host of a website (`https://www.mercycorps.org/mali` → `mercycorps.org`). */
export function websiteDomain(website: string | null | undefined): string | null {
	if (!website) return null;
	try {
		return comparableDomain(new URL(website).hostname);
	} catch {
		return null;
	}
}

/**
 * The part of a domain its owner chose: `mercycorps` for `mercycorps.org` and for `mercycorps.org.uk`,
 * `sante` for `sante.gouv.ml`.
 */
export function registrableLabel(domain: string): string {
	const labels = domain.split('.');
	let i = labels.length - 2;
	if (i > 0 && labels.at(-1)!.length === 2 && SECOND_LEVEL.has(labels[i]!)) i--;
	return labels[Math.max(i, 0)]!;
}

/**
 * How many letters may differ between two labels for them to be taken as one name mistyped: none
 * below 5 letters (nrc and drc are two councils), one up to 8, two from 9.
 */
export function allowedEdits(a: string, b: string): number {
	const length = Math.min(a.length, b.length);
	return length < 5 ? 0 : length < 9 ? 1 : 2;
}

/** Whether two different domains look like one: same label under another suffix, or a typo away. */
export function nearDomains(a: string, b: string): { edits: number } | null {
	if (a === b) return null;
	const x = registrableLabel(a);
	const y = registrableLabel(b);
	const allowed = allowedEdits(x, y);
	const edits = x === y ? 0 : editDistance(x, y, allowed);
	return edits <= allowed && (edits > 0 || x.length >= 3) ? { edits } : null;
}

/**
 * Every pair of near domains among these (each pair once, as indexes). Trigram similarity finds the
 * candidates — one edit in five letters still leaves a third of the trigrams shared, two in nine a
 * quarter — and the edit distance decides.
 */
export function nearDomainPairs(domains: readonly string[]): { a: number; b: number; edits: number }[] {
	const labels = domains.map(registrableLabel);
	const found: { a: number; b: number; edits: number }[] = [];
	// Same label under different suffixes: grouped directly.
	const byLabel = new Map<string, number[]>();
	labels.forEach((label, i) => byLabel.set(label, [...(byLabel.get(label) ?? []), i]));
	for (const [label, members] of byLabel) {
		if (label.length < 3) continue;
		for (let i = 0; i < members.length; i++)
			for (let j = i + 1; j < members.length; j++) found.push({ a: members[i]!, b: members[j]!, edits: 0 });
	}
	const distinct = [...byLabel.keys()];
	for (const { a, b } of similarPairs(distinct, 0.2).pairs) {
		const [x, y] = [distinct[a]!, distinct[b]!];
		const allowed = allowedEdits(x, y);
		if (allowed === 0) continue;
		const edits = editDistance(x, y, allowed);
		if (edits > allowed) continue;
		for (const i of byLabel.get(x)!)
			for (const j of byLabel.get(y)!) found.push(i < j ? { a: i, b: j, edits } : { a: j, b: i, edits });
	}
	return found;
}
