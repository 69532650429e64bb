import { m } from '$lib/paraglide/messages';

const quarterNames = [m.events_quarter_1, m.events_quarter_2, m.events_quarter_3, m.events_quarter_4];

/** The four quarters for a select box: "T4 — octobre à décembre". */
export const quarterOptions = () => quarterNames.map((name, i) => ({ value: String(i + 1), label: name() }));

/** "T4 2016" in French, "Q4 2016" in English. */
export const quarterText = (p: { year: number; quarter: number }) =>
	m.events_quarter_label({ quarter: p.quarter, year: p.year });
