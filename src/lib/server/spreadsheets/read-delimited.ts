import Papa from 'papaparse';

const DELIMITERS = [',', ';', '\t', '|'] as const;
/** Enough records to see which delimiter makes a regular table. */
const SAMPLE_RECORDS = 20;

/** Rows of comma-, semicolon-, tab- or pipe-separated text, line ends and quoted line breaks included. */
export function readDelimited(text: string): string[][] {
	const normalised = text.replace(/\r\n?/g, '\n');
	const { data } = Papa.parse<string[]>(normalised, {
		delimiter: detectDelimiter(normalised),
		newline: '\n',
		skipEmptyLines: false
	});
	return data.map((row) => row.map(restoreFormulaText));
}

/** Undoes the apostrophe that our own exports put before text that looks like a formula. */
function restoreFormulaText(cell: string): string {
	return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

/**
 * The delimiter that splits the most records into the same number of fields. Counting per record
 * (not per line) keeps quoted line breaks and quoted delimiters out; a tie goes to the one the first
 * record holds most of, since a French "1,5" in the data must not beat the semicolons of the header.
 */
export function detectDelimiter(text: string): string {
	const counts = countPerRecord(text);
	const scored = DELIMITERS.map((delimiter) => {
		const perRecord = counts.map((c) => c.get(delimiter) ?? 0);
		const usual = mostCommon(perRecord.filter((n) => n > 0));
		const regular = usual ? perRecord.filter((n) => n === usual).length : 0;
		return { delimiter, regular, first: perRecord[0] ?? 0 };
	});
	scored.sort((a, b) => b.regular - a.regular || b.first - a.first);
	return scored[0]!.regular > 0 ? scored[0]!.delimiter : ',';
}

function countPerRecord(text: string): Map<string, number>[] {
	const records: Map<string, number>[] = [new Map()];
	let quoted = false;
	for (let i = 0; i < text.length && records.length <= SAMPLE_RECORDS; i++) {
		const char = text[i]!;
		if (char === '"') quoted = !quoted;
		else if (quoted) continue;
		else if (char === '\n') records.push(new Map());
		else if ((DELIMITERS as readonly string[]).includes(char)) {
			const record = records[records.length - 1]!;
			record.set(char, (record.get(char) ?? 0) + 1);
		}
	}
	return records;
}

function mostCommon(values: number[]): number | undefined {
	const tally = new Map<number, number>();
	for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
	let best: number | undefined;
	for (const [value, n] of tally) if (best === undefined || n > tally.get(best)!) best = value;
	return best;
}
