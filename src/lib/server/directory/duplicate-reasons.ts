/** What the on-entry warning and the review list share: the reasons, and how much each weighs. */
import { comparableDomain, websiteDomain } from './email-domains';

/** Trigram similarity from which two names are taken as possibly the same (1 = same letters). */
export const NAME_THRESHOLD = 0.6;

export type DuplicateReason =
	| { kind: 'same-email'; email: string }
	| { kind: 'similar-name'; score: number }
	| { kind: 'same-acronym'; acronym: string }
	| { kind: 'same-domain'; domain: string }
	| { kind: 'near-domain'; domain: string; otherDomain: string; edits: number };

/** How strongly a pair looks like one record: the review list shows the strongest first. */
const WEIGHT: Record<Exclude<DuplicateReason['kind'], 'similar-name'>, number> = {
	'same-email': 3,
	'same-domain': 2,
	'near-domain': 1.5,
	'same-acronym': 1
};

export function strength(reasons: DuplicateReason[]): number {
	return reasons.reduce((sum, r) => sum + (r.kind === 'similar-name' ? r.score : WEIGHT[r.kind]), 0);
}

export const round = (score: number) => Math.round(score * 100) / 100;

/** The domains an organisation is known by: its e-mail domains and its website's, webmail left out. */
export function domainsOf(row: { emailDomains: string[]; website: string | null }): string[] {
	const all = [...row.emailDomains.map(comparableDomain), websiteDomain(row.website)];
	return [...new Set(all.filter((d): d is string => d !== null))];
}

/** "Action  contre la faim " and "action contre la faim" are one name. */
export function normaliseSpaces(folded: string): string | null {
	const text = folded.replace(/\s+/g, ' ').trim();
	return text || null;
}
