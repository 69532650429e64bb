import { isOn, wordTokens } from './word-xml';

interface Style {
	id: string;
	name: string;
	basedOn: string | null;
	italic: boolean | null;
	bold: boolean | null;
	/** Whether the style numbers its paragraphs (List Bullet does); null when it does not say. */
	numbered: boolean | null;
}

/** What the import needs to know of a document's styles (word/styles.xml). */
export interface DocxStyles {
	isHeading(styleId: string | null): boolean;
	isList(styleId: string | null): boolean;
	/** Italic and bold a character style ("Emphasis", "Strong") gives its runs. */
	runFormat(styleId: string | null): { italic: boolean | null; bold: boolean | null };
}

// Style ids are translated by Word ("Titre1", "Paragraphedeliste"), names of built-in ones are not.
const HEADING = /^(heading\d|titre\d|title|titre)$/;
const LIST = /^(listparagraph|listbullet|listnumber|paragraphedeliste|listeapuces|listepuces|listenum)/;

export function readDocxStyles(xml: string | undefined): DocxStyles {
	const styles = xml ? readStyles(xml) : new Map<string, Style>();
	const chain = (id: string | null): Style[] => {
		const found: Style[] = [];
		for (let next = id; next !== null && found.length < 10;) {
			const style = styles.get(next) ?? bare(next);
			found.push(style);
			next = style.basedOn;
		}
		return found;
	};
	const named = (id: string | null, pattern: RegExp) =>
		chain(id).some((style) => pattern.test(fold(style.name)) || pattern.test(fold(style.id)));
	const first = <K extends 'italic' | 'bold' | 'numbered'>(id: string | null, key: K) =>
		chain(id).find((style) => style[key] !== null)?.[key] ?? null;
	return {
		isHeading: (id) => named(id, HEADING),
		isList: (id) => !named(id, HEADING) && (named(id, LIST) || first(id, 'numbered') === true),
		runFormat: (id) => ({ italic: first(id, 'italic'), bold: first(id, 'bold') })
	};
}

function readStyles(xml: string): Map<string, Style> {
	const styles = new Map<string, Style>();
	const path: string[] = [];
	let style: Style | null = null;
	for (const token of wordTokens(xml, 'styles')) {
		if (token.kind === 'text') continue;
		if (token.kind === 'close') {
			if (path.pop() === 'style' && style) styles.set(style.id, style);
			continue;
		}
		path.push(token.name);
		if (token.name === 'style' && path.length === 2) style = bare(token.attribute('styleId') ?? '');
		else if (style) readProperty(style, path.slice(2).join('/'), token.attribute('val'));
	}
	return styles;
}

/** One property of a style, by its path under `<w:style>` ("rPr/i"). */
function readProperty(style: Style, path: string, val: string | undefined) {
	if (path === 'name') style.name = val ?? '';
	else if (path === 'basedOn') style.basedOn = val ?? null;
	else if (path === 'rPr/i') style.italic = isOn(val);
	else if (path === 'rPr/b') style.bold = isOn(val);
	else if (path === 'pPr/numPr/numId') style.numbered = val !== '0';
}

function bare(id: string): Style {
	return { id, name: '', basedOn: null, italic: null, bold: null, numbered: null };
}

function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f\s]/g, '')
		.toLowerCase();
}
