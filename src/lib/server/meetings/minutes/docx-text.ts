import { strFromU8, unzipSync, type Unzipped } from 'fflate';
import { readDocxStyles } from './docx-styles';
import { readDocxBody, type BodyItem, type Cell, type Paragraph, type Run } from './read-docx-body';
import { MalformedXmlError } from './xml-tokens';

/** Past this once unpacked, word/document.xml is not minutes but a trap for the server's memory. */
export const MAX_DOCUMENT_XML_BYTES = 20 * 1024 * 1024;

/**
 * Why bytes are not a DOCX the import can read: not a ZIP or damaged, a ZIP that is not a Word
 * document, a document too large, or a Word 97–2003 file (password-protected DOCX files are
 * stored in the same container).
 */
export class NotDocxError extends Error {
	constructor(readonly reason: 'unreadable' | 'not-docx' | 'too-large' | 'legacy-or-protected') {
		super(`not a readable DOCX: ${reason}`);
	}
}

const DOCUMENT = 'word/document.xml';
const STYLES = 'word/styles.xml';
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * A DOCX as the text the minutes import reads: one line per paragraph, a blank line between
 * blocks, "- " before list items, and a line per table row with a tab between cells. A cell of
 * several paragraphs, or with italic or bold, is written as HTML (`<p>…</p> <p>…<i>…</i></p>`).
 */
export function docxToText(bytes: Uint8Array): string {
	const parts = openParts(bytes);
	let items: BodyItem[];
	try {
		items = readDocxBody(parts.document, readDocxStyles(parts.styles));
	} catch (error) {
		if (error instanceof MalformedXmlError) throw new NotDocxError('unreadable');
		throw error;
	}
	return renderBlocks(items);
}

function openParts(bytes: Uint8Array): { document: string; styles: string | undefined } {
	if (OLE_SIGNATURE.every((byte, i) => bytes[i] === byte)) throw new NotDocxError('legacy-or-protected');
	let tooLarge = false;
	let files: Unzipped;
	try {
		// Sizes come from the ZIP's directory, before anything is inflated; fflate never inflates
		// more than the size announced, so a lying directory only truncates the part.
		files = unzipSync(bytes, {
			filter: (file) => {
				if (file.name !== DOCUMENT && file.name !== STYLES) return false;
				tooLarge ||= file.originalSize > MAX_DOCUMENT_XML_BYTES;
				return !tooLarge;
			}
		});
	} catch {
		throw new NotDocxError('unreadable');
	}
	if (tooLarge) throw new NotDocxError('too-large');
	const document = files[DOCUMENT];
	if (!document) throw new NotDocxError('not-docx');
	const styles = files[STYLES];
	return { document: strFromU8(document), styles: styles && strFromU8(styles) };
}

/** Blocks separated by a blank line; consecutive list items stay together, as in a text file. */
function renderBlocks(items: BodyItem[]): string {
	const blocks: string[] = [];
	let inList = false;
	const addParagraph = (paragraph: Paragraph) => {
		const line = plainLine(paragraph);
		if (!line) return;
		const isItem = line.startsWith('- ');
		if (isItem && inList) blocks[blocks.length - 1] += `\n${line}`;
		else blocks.push(line);
		inList = isItem;
	};
	for (const item of items) {
		if (item.kind === 'paragraph') addParagraph(item.paragraph);
		else if (isLayoutTable(item.rows))
			item.rows.flat().forEach((cell) => cell.paragraphs.forEach(addParagraph));
		else {
			const rows = item.rows.filter((row) => row.some((cell) => cell.paragraphs.some(hasText)));
			if (rows.length > 0) blocks.push(rows.map((row) => row.map(cellText).join('\t')).join('\n'));
			inList = false;
		}
	}
	return blocks.length > 0 ? `${blocks.join('\n\n')}\n` : '';
}

/** A one-column table only frames its text: its paragraphs are read as the document's own. */
function isLayoutTable(rows: Cell[][]): boolean {
	return rows.every((row) => row.length <= 1);
}

/** A cell's text: plain when it is one plain paragraph, HTML when it has structure or formatting. */
function cellText(cell: Cell): string {
	const paragraphs = cell.paragraphs.filter(hasText);
	if (paragraphs.length === 0) return '';
	if (paragraphs.length === 1 && !paragraphs[0]!.runs.some(isFormatted)) return plainLine(paragraphs[0]!);
	// One paragraph with formatting is written inline, as the subject cells of the reference file.
	if (paragraphs.length === 1) return htmlLine(paragraphs[0]!);
	return paragraphs.map((paragraph) => `<p>${htmlLine(paragraph)}</p>`).join(' ');
}

// Bullets typed by hand ("•<tab>Text") mean the same as Word's own.
const TYPED_BULLET = /^[•◦▪‣·–]\s+/;

function plainLine(paragraph: Paragraph): string {
	const text = flatten(paragraph.runs.map((run) => run.text).join('')).trim();
	if (!text) return '';
	if (paragraph.list) return `- ${text}`;
	return TYPED_BULLET.test(text) ? text.replace(TYPED_BULLET, '- ') : text;
}

function htmlLine(paragraph: Paragraph): string {
	const spans = mergeRuns(paragraph.runs);
	spans[0]!.text = spans[0]!.text.trimStart();
	spans[spans.length - 1]!.text = spans[spans.length - 1]!.text.trimEnd();
	const html = spans.map(spanHtml).join('');
	if (paragraph.list) return `- ${html}`;
	return TYPED_BULLET.test(html) ? html.replace(TYPED_BULLET, '- ') : html;
}

/** Runs Word split for its own reasons (spelling, revisions) joined back when formatted alike. */
function mergeRuns(runs: Run[]): Run[] {
	const spans: Run[] = [];
	for (const run of runs) {
		const last = spans.at(-1);
		const text = flatten(run.text);
		const alike = last && ((last.italic === run.italic && last.bold === run.bold) || !text.trim());
		if (last && alike) last.text += text;
		else spans.push({ ...run, text });
	}
	return spans;
}

/** Spaces at the edges of a formatted span are put outside its tags. */
function spanHtml(span: Run): string {
	if (!isFormatted(span)) return escapeHtml(span.text);
	const [, before, core, after] = /^(\s*)([\s\S]*?)(\s*)$/.exec(span.text)!;
	let html = escapeHtml(core!);
	if (span.italic) html = `<i>${html}</i>`;
	if (span.bold) html = `<b>${html}</b>`;
	return `${before}${html}${after}`;
}

function isFormatted(run: Run): boolean {
	return (run.italic || run.bold) && run.text.trim() !== '';
}

function hasText(paragraph: Paragraph): boolean {
	return paragraph.runs.some((run) => run.text.trim() !== '');
}

/** Tabs and line breaks would end a cell or a row of the text. */
function flatten(text: string): string {
	return text.replace(/[\t\r\n\u2028\u2029]/g, ' ');
}

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
