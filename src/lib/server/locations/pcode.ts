/**
 * What a P-code looks like, and the levels of the tree. OCHA P-codes start with the country's two
 * ISO letters (`ML`), then digits per level (`ML07`, `ML0704`); some countries add letters. Spaces,
 * dashes and accents are never part of one.
 */
export const PCODE_PATTERN = /^[A-Z]{2}[A-Z0-9]{0,18}$/;

/** 0 is the country, 1 admin1 (régions), 2 admin2 (cercles)… COD-AB goes no deeper than admin5. */
export const MAX_LEVEL = 5;

/** P-codes are written in capitals; "ml0704" typed in a search box or a file means ML0704. */
export function normalisePcode(text: string): string {
	return text.trim().toUpperCase();
}

export function isPcode(text: string): boolean {
	return PCODE_PATTERN.test(text);
}

/**
 * The country letters a P-code starts with: an import only retires places of the countries its
 * file covers, so a list for Mali never retires Burkina Faso.
 */
export function countryPrefix(pcode: string): string {
	return pcode.slice(0, 2);
}

/** Case and accents aside, as the database's `concerto_fold` compares ("Ménaka" = "MENAKA"). */
export function foldName(name: string): string {
	return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Whether a name carries the accents that a list written in plain ASCII leaves out. */
export function hasAccents(name: string): boolean {
	return name.normalize('NFD') !== name.normalize('NFD').replace(/\p{M}/gu, '');
}
