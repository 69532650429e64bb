import type { DocxStyles } from './docx-styles';
import { isOn, wordTokens } from './word-xml';

export interface Run {
	text: string;
	italic: boolean;
	bold: boolean;
}

export interface Paragraph {
	runs: Run[];
	list: boolean;
	heading: boolean;
}

/** A table cell; a cell spanning several columns is followed by empty ones, so columns line up. */
export interface Cell {
	paragraphs: Paragraph[];
}

export type BodyItem = { kind: 'paragraph'; paragraph: Paragraph } | { kind: 'table'; rows: Cell[][] };

interface OpenParagraph {
	runs: Run[];
	style: string | null;
	numbered: boolean | null;
}

interface OpenRun {
	italic: boolean | null;
	bold: boolean | null;
	style: string | null;
	hidden: boolean;
}

interface OpenTable {
	rows: Cell[][];
	row: Cell[];
	cell: Cell | null;
	span: number;
}

/**
 * What is not the document's current text (hidden runs are dropped too): deleted and moved-away revisions, field codes, drawings
 * and text boxes (their paragraphs would land inside the paragraph that anchors them), the older
 * formatting a revision replaced, and the fallback copy of alternate content.
 */
const SKIPPED = new Set([
	'del',
	'moveFrom',
	'delText',
	'instrText',
	'drawing',
	'pict',
	'object',
	'txbxContent',
	'rPrChange',
	'pPrChange',
	'tcPrChange',
	'trPrChange',
	'tblPrChange'
]);

/** What a run element other than text stands for; tabs become spaces, the import's cells use tabs. */
const RUN_TEXT: Record<string, string> = { tab: ' ', ptab: ' ', br: ' ', cr: ' ', noBreakHyphen: '-' };

/**
 * The paragraphs and tables of word/document.xml in order, read as a stream. A table inside a cell
 * becomes paragraphs of that cell, one per row, its cells separated by " | ".
 */
export function readDocxBody(xml: string, styles: DocxStyles): BodyItem[] {
	const reader = new BodyReader(styles);
	for (const token of wordTokens(xml, 'document')) {
		if (token.kind === 'open') reader.open(token.name, token.attribute);
		else if (token.kind === 'close') reader.close(token.name);
		else reader.text(token.text);
	}
	return reader.items;
}

class BodyReader {
	readonly items: BodyItem[] = [];
	/** The names of the open elements, the innermost last. */
	private path: string[] = [];
	private tables: OpenTable[] = [];
	private paragraph: OpenParagraph | null = null;
	private run: OpenRun | null = null;
	private preserveSpace = false;
	/** The depth of the skipped element being read through, 0 when none. */
	private skippedAt = 0;

	constructor(private styles: DocxStyles) {}

	open(name: string, attribute: (local: string) => string | undefined) {
		this.path.push(name);
		if (this.skippedAt) return;
		if (SKIPPED.has(name) || name.endsWith(':Fallback')) {
			this.skippedAt = this.path.length;
			return;
		}
		const [parent, grand] = [this.path.at(-2), this.path.at(-3)];
		const table = this.tables.at(-1);
		if (name === 'p') this.paragraph = { runs: [], style: null, numbered: null };
		else if (name === 'r') this.run = { italic: null, bold: null, style: null, hidden: false };
		else if (name === 't') this.preserveSpace = attribute('space') === 'preserve';
		else if (parent === 'r' && name in RUN_TEXT) this.addRunText(RUN_TEXT[name]!);
		else if (parent === 'rPr' && grand === 'r') this.readRunProperty(name, attribute('val'));
		else if (grand === 'p' || this.path.at(-4) === 'p') this.readParagraphProperty(name, attribute('val'));
		else if (name === 'tbl') this.tables.push({ rows: [], row: [], cell: null, span: 1 });
		else if (name === 'tr' && table) table.row = [];
		else if (name === 'tc' && table) [table.cell, table.span] = [{ paragraphs: [] }, 1];
		else if (name === 'gridSpan' && parent === 'tcPr' && table) {
			table.span = Math.min(Number(attribute('val')) || 1, 64);
		}
	}

	close(name: string) {
		const skipped = this.skippedAt > 0;
		if (this.path.length === this.skippedAt) this.skippedAt = 0;
		this.path.pop();
		if (skipped) return;
		const table = this.tables.at(-1);
		if (name === 'p') this.closeParagraph();
		else if (name === 'r') this.run = null;
		else if (name === 'tc' && table?.cell) {
			table.row.push(table.cell, ...Array.from({ length: table.span - 1 }, () => ({ paragraphs: [] })));
			table.cell = null;
		} else if (name === 'tr' && table) this.closeRow(table);
		else if (name === 'tbl' && table) {
			this.tables.pop();
			if (this.tables.length === 0) this.items.push({ kind: 'table', rows: table.rows });
		}
	}

	text(text: string) {
		if (this.skippedAt || this.path.at(-1) !== 't') return;
		this.addRunText(this.preserveSpace ? text : text.trim());
	}

	private readRunProperty(name: string, val: string | undefined) {
		if (!this.run) return;
		if (name === 'i') this.run.italic = isOn(val);
		else if (name === 'b') this.run.bold = isOn(val);
		else if (name === 'rStyle') this.run.style = val ?? null;
		else if (name === 'vanish') this.run.hidden = isOn(val);
	}

	/** The paragraph's style and numbering (`p/pPr/pStyle`, `p/pPr/numPr/numId`). */
	private readParagraphProperty(name: string, val: string | undefined) {
		const [parent, grand] = [this.path.at(-2), this.path.at(-3)];
		if (!this.paragraph) return;
		if (name === 'pStyle' && parent === 'pPr') this.paragraph.style = val ?? null;
		else if (name === 'numId' && parent === 'numPr' && grand === 'pPr') this.paragraph.numbered = val !== '0';
	}

	private addRunText(text: string) {
		const run = this.run;
		if (!this.paragraph || !run || run.hidden || !text) return;
		const style = this.styles.runFormat(run.style);
		const italic = run.italic ?? style.italic ?? false;
		const bold = run.bold ?? style.bold ?? false;
		this.paragraph.runs.push({ text, italic, bold });
	}

	private closeParagraph() {
		const open = this.paragraph;
		this.paragraph = null;
		if (!open) return;
		const heading = this.styles.isHeading(open.style);
		const list = !heading && (open.numbered ?? this.styles.isList(open.style));
		const paragraph: Paragraph = { runs: open.runs, list, heading };
		const table = this.tables.at(-1);
		if (!table) this.items.push({ kind: 'paragraph', paragraph });
		else table.cell?.paragraphs.push(paragraph);
	}

	private closeRow(table: OpenTable) {
		const outer = this.tables.at(-2);
		if (outer) outer.cell?.paragraphs.push(rowParagraph(table.row));
		else table.rows.push(table.row);
	}
}

/** A row of a table nested in a cell, as one paragraph of that cell. */
function rowParagraph(row: Cell[]): Paragraph {
	const runs: Run[] = [];
	for (const cell of row) {
		const paragraphs = cell.paragraphs.filter((p) => p.runs.some((r) => r.text.trim()));
		if (paragraphs.length === 0) continue;
		if (runs.length > 0) runs.push({ text: ' | ', italic: false, bold: false });
		paragraphs.forEach((p, i) =>
			runs.push(...(i > 0 ? [{ text: ' ', italic: false, bold: false }] : []), ...p.runs)
		);
	}
	return { runs, list: false, heading: false };
}
