/**
 * Finding every pair of near-identical texts among many (names, e-mail domains) in one pass.
 *
 * The trigram index answers "what looks like this one?" in milliseconds, which is what a form asks
 * on entry. Asking it once per row to list all the pairs costs one index probe per row: measured on
 * PostgreSQL 15 with 50,000 people, 5–7 ms a probe, about 5 minutes in all (5,000 organisations with
 * their long, wordy names: 17 ms a probe). So the review list reads the folded texts in one query and
 * pairs them here with the prefix filter of the all-pairs algorithm (Bayardo et al., 2007): a pair can
 * reach the similarity threshold only if the rarest trigrams of one meet the rarest trigrams of the
 * other, so only those are indexed and compared.
 *
 * Trigrams are made as pg_trgm makes them (each word padded with two spaces before and one after,
 * duplicates dropped), so a score here is the `similarity()` PostgreSQL gives for the same texts.
 */

/** The trigrams of a text already folded (lower case, no accents), as pg_trgm's `show_trgm`. */
export function trigrams(folded: string): Set<string> {
	const grams = new Set<string>();
	for (const word of folded.split(/[^\p{L}\p{N}]+/u)) {
		if (!word) continue;
		const padded = `  ${word} `;
		const chars = [...padded];
		for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
	}
	return grams;
}

/** pg_trgm's `similarity()`: shared trigrams over all the trigrams of either text. */
export function similarity(a: string, b: string): number {
	const x = trigrams(a);
	const y = trigrams(b);
	if (x.size === 0 || y.size === 0) return 0;
	let shared = 0;
	for (const g of x) if (y.has(g)) shared++;
	return shared / (x.size + y.size - shared);
}

export interface SimilarPair {
	/** Indexes in the list given. */
	a: number;
	b: number;
	score: number;
}

/**
 * Every pair of texts whose trigram similarity is at least `threshold` (0 < threshold ≤ 1), each
 * pair once with a < b. Texts without a trigram (empty, punctuation only) pair with nothing. At most
 * `limit` pairs are collected; `complete` says whether there were more.
 */
export function similarPairs(
	texts: readonly string[],
	threshold: number,
	limit = Number.POSITIVE_INFINITY
): { pairs: SimilarPair[]; complete: boolean } {
	// Trigrams as small integers numbered rarest first, so that each sorted set starts with its rarest.
	const ids = new Map<string, number>();
	const raw = texts.map((text) => [...trigrams(text)].map((g) => ids.get(g) ?? ids.set(g, ids.size).get(g)!));
	const frequency = new Uint32Array(ids.size);
	for (const set of raw) for (const g of set) frequency[g]!++;
	const byRarity = Array.from(frequency.keys()).sort((x, y) => frequency[x]! - frequency[y]! || x - y);
	const rank = new Uint32Array(ids.size);
	byRarity.forEach((g, r) => (rank[g] = r));
	const sets = raw.map((set) => Uint32Array.from(set, (g) => rank[g]!).sort());

	const order = sets.map((_, i) => i).filter((i) => sets[i]!.length > 0);
	order.sort((x, y) => sets[x]!.length - sets[y]!.length);
	// For each trigram, the records whose prefix holds it and where (position filter of PPJoin).
	const index: { record: number[]; position: number[] }[] = Array.from({ length: ids.size }, () => ({
		record: [],
		position: []
	}));
	const pairs: SimilarPair[] = [];
	const seen = new Int32Array(texts.length).fill(-1);

	for (const x of order) {
		const set = sets[x]!;
		const size = set.length;
		const prefix = size - Math.ceil(threshold * size) + 1;
		const minSize = threshold * size;
		for (let p = 0; p < prefix; p++) {
			const postings = index[set[p]!]!;
			for (let k = 0; k < postings.record.length; k++) {
				const y = postings.record[k]!;
				if (seen[y] === x) continue;
				seen[y] = x;
				const other = sets[y]!.length;
				if (other < minSize) continue;
				// The first trigram they share: nothing rarer is shared, so at most what follows can be.
				const needed = Math.ceil((threshold / (1 + threshold)) * (size + other) - 1e-9);
				if (1 + Math.min(size - p - 1, other - postings.position[k]! - 1) < needed) continue;
				const score = jaccard(set, sets[y]!);
				if (score >= threshold) {
					if (pairs.length >= limit) return { pairs, complete: false };
					pairs.push(x < y ? { a: x, b: y, score } : { a: y, b: x, score });
				}
			}
		}
		for (let p = 0; p < prefix; p++) {
			index[set[p]!]!.record.push(x);
			index[set[p]!]!.position.push(p);
		}
	}
	return { pairs, complete: true };
}

/** Jaccard similarity of two sets sorted in ascending order. */
function jaccard(x: Uint32Array, y: Uint32Array): number {
	let i = 0;
	let j = 0;
	let shared = 0;
	while (i < x.length && j < y.length) {
		const a = x[i]!;
		const b = y[j]!;
		if (a === b) {
			shared++;
			i++;
			j++;
		} else if (a < b) i++;
		else j++;
	}
	return shared / (x.length + y.length - shared);
}

/** Levenshtein distance, giving up (returning max + 1) as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
			current.push(value);
			if (value < best) best = value;
		}
		if (best > max) return max + 1;
		previous = current;
	}
	return previous[b.length]!;
}
