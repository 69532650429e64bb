/**
 * Codes of the framework, from numbers given once at creation: reordering items never renumbers
 * them, so SO1, CO1.2, A1.2.3 and I1.2.3.1 stay what partners' projects and reports refer to.
 */
export const strategicCode = (so: number) => `SO${so}`;
export const objectiveCode = (so: number, co: number) => `CO${so}.${co}`;
export const activityCode = (so: number, co: number, a: number) => `A${so}.${co}.${a}`;
export const indicatorCode = (so: number, co: number, a: number, i: number) => `I${so}.${co}.${a}.${i}`;

export type Level = 'strategic-objective' | 'cluster-objective' | 'activity' | 'indicator';
export const LEVELS: Level[] = ['strategic-objective', 'cluster-objective', 'activity', 'indicator'];

/** The numbers a code is made of: `CO1.2` → level cluster-objective, [1, 2]. */
export function parseCode(code: string): { level: Level; numbers: number[] } | null {
	const match = /^(SO|CO|A|I)(\d+(?:\.\d+)*)$/i.exec(code.trim());
	if (!match) return null;
	const numbers = match[2]!.split('.').map(Number);
	const level = { SO: 'strategic-objective', CO: 'cluster-objective', A: 'activity', I: 'indicator' }[
		match[1]!.toUpperCase()
	] as Level;
	return numbers.length === LEVELS.indexOf(level) + 1 ? { level, numbers } : null;
}

/** The label a version shows for an item: its code and the start of its title. */
export function itemLabel(code: string, title: string) {
	const short = title.length > 80 ? `${title.slice(0, 79)}…` : title;
	return `${code} ${short}`;
}
