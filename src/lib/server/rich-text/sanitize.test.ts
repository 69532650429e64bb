import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { parseInput } from '../validation';
import { richTextInput, richTextToPlain, sanitizeRichText } from './sanitize';

// No database: what survives sanitising, what is dropped, and the plain words of rich text.

/** The reference material beside the repository (read at test time, not copied into the code). */
const reference = fileURLToPath(new URL('../../../../../shared/reference/', import.meta.url));

/** The cells of the meeting report's tables that hold markup, such as `<p>… <i>what if</i></p>`. */
function reportCellsWithMarkup(): string[] {
	const report = readFileSync(`${reference}compte-rendu-crp-2016-10-20.txt`, 'utf8');
	return report
		.split(/\r?\n/)
		.flatMap((line) => line.split('\t'))
		.map((cell) => cell.trim())
		.filter((cell) => /<[a-z]/i.test(cell));
}

const tagsOf = (html: string) => html.match(/<\/?[a-z0-9]+/gi) ?? [];

describe('sanitizeRichText', () => {
	it("keeps the meeting report's paragraphs and italics as they are", () => {
		const cells = reportCellsWithMarkup();
		expect(cells.length).toBeGreaterThan(5);
		for (const cell of cells) {
			const clean = sanitizeRichText(cell);
			expect(tagsOf(clean)).toEqual(tagsOf(cell));
			expect(clean).toBe(cell);
		}
		const whatIf = cells.find((cell) => cell.includes('<i>what if</i>'));
		expect(whatIf).toBeDefined();
		expect(sanitizeRichText(whatIf!)).toContain('<i>what if</i>');
		const strategy = cells.find((cell) => cell.startsWith('<p>En 2017'));
		expect(tagsOf(sanitizeRichText(strategy!)).filter((tag) => tag === '<p')).toHaveLength(4);
	});

	it('keeps headings, lists, emphasis, quotes and simple tables', () => {
		const html =
			'<h2>Objectifs</h2><h3>Zone</h3><h4>Gao</h4><p><strong>Gras</strong> <b>b</b> <em>em</em> <u>u</u></p>' +
			'<ul><li>un</li></ul><ol><li>deux</li></ol><blockquote>cité</blockquote>' +
			'<table><thead><tr><th>Région</th></tr></thead><tbody><tr><td>Gao</td></tr></tbody></table>';
		expect(sanitizeRichText(html)).toBe(html);
	});

	it('drops scripts and styles with their content', () => {
		const clean = sanitizeRichText(
			'<p>Avant</p><script>alert("x")</script><style>p { color: red }</style><p>Après</p>'
		);
		expect(clean).toBe('<p>Avant</p><p>Après</p>');
	});

	it('drops event attributes, style attributes, images and frames', () => {
		const clean = sanitizeRichText(
			'<p onclick="steal()" style="color:red" class="MsoNormal">Texte <img src="x" onerror="alert(1)">' +
				'<iframe src="https://evil.example"></iframe><b onmouseover="x()">gras</b></p>'
		);
		expect(clean).toBe('<p>Texte <b>gras</b></p>');
		expect(clean).not.toMatch(/on\w+=|style=|<img|<iframe/i);
	});

	it('keeps http, https and mailto links, with rel noopener and no target', () => {
		const clean = sanitizeRichText(
			'<p><a href="https://www.humanitarianresponse.info/fr" target="_blank" rel="opener" title="t">HR</a> ' +
				'<a href="http://example.org">http</a> <a href="mailto:crp@example.org">écrire</a></p>'
		);
		expect(clean).toBe(
			'<p><a href="https://www.humanitarianresponse.info/fr" rel="noopener noreferrer">HR</a> ' +
				'<a href="http://example.org" rel="noopener noreferrer">http</a> ' +
				'<a href="mailto:crp@example.org" rel="noopener noreferrer">écrire</a></p>'
		);
	});

	it('turns javascript:, data: and protocol-relative links into their words', () => {
		for (const href of [
			'javascript:alert(1)',
			' JaVaScRiPt:alert(1)',
			'java&#x09;script:alert(1)',
			'data:text/html;base64,PHNjcmlwdD4=',
			'vbscript:msgbox(1)',
			'//evil.example/'
		]) {
			expect(sanitizeRichText(`<p>Voir <a href="${href}">ici</a></p>`), href).toBe('<p>Voir ici</p>');
		}
	});

	it('keeps the text of tags it does not allow', () => {
		expect(sanitizeRichText('<p><span style="font-size:11pt">Bamako</span> <font>Mopti</font></p>')).toBe(
			'<p>Bamako Mopti</p>'
		);
		expect(sanitizeRichText('<div>Gao &amp; <span>Kidal</span></div>')).toBe('<p>Gao &amp; Kidal</p>');
	});

	it('cleans a Word paste: no mso styles, comments or empty paragraphs', () => {
		const word =
			'<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal { margin: 0 }</style></head>' +
			'<body><!--StartFragment--><p class="MsoNormal" style="mso-margin-top-alt:auto"><b>Point 1</b><o:p></o:p></p>' +
			'<p class="MsoNormal"><o:p>&nbsp;</o:p></p><!--EndFragment--></body></html>';
		expect(sanitizeRichText(word)).toBe('<p><b>Point 1</b></p>');
	});

	it('gives nothing for blank input or markup without words', () => {
		for (const blank of ['', '   \n\t ', '<p></p>', '<p><br></p>', '<p>&nbsp;</p>', '<script>x</script>']) {
			expect(sanitizeRichText(blank), blank).toBe('');
		}
	});

	it('makes paragraphs of text typed without tags, escaped', () => {
		expect(sanitizeRichText('Premier paragraphe\nsuite\n\nR&D < 5 > 3\r\n\r\n  \n  Fin  ')).toBe(
			'<p>Premier paragraphe<br />suite</p><p>R&amp;D &lt; 5 &gt; 3</p><p>Fin</p>'
		);
		expect(sanitizeRichText('Une seule ligne')).toBe('<p>Une seule ligne</p>');
	});

	it('gives the same result when its result is sanitised again', () => {
		for (const html of [
			...reportCellsWithMarkup(),
			'Texte & <brut>\n\nsuite',
			'<p>a <a href="https://x.org">b</a></p>'
		]) {
			const once = sanitizeRichText(html);
			expect(sanitizeRichText(once)).toBe(once);
		}
	});
});

describe('richTextToPlain', () => {
	it('separates paragraphs with a blank line and decodes characters', () => {
		expect(richTextToPlain('<h3>Objet</h3><p>R&amp;D <i>what if</i>\n  suite</p><p>un<br>deux</p>')).toBe(
			'Objet\n\nR&D what if suite\n\nun\ndeux'
		);
	});

	it('puts list items and table rows on their own lines', () => {
		expect(
			richTextToPlain(
				'<p>Avant</p><ul><li>a</li><li>b<ol><li>x</li><li>y</li></ol></li></ul>' +
					'<table><tr><th>Région</th><th>Cercle</th></tr><tr><td>Gao</td><td>Ansongo</td></tr></table>'
			)
		).toBe('Avant\n\n- a\n- b\n1. x\n2. y\n\nRégion | Cercle\nGao | Ansongo');
	});

	it('never lets markup through, even from unsanitised input', () => {
		const plain = richTextToPlain('<p>Bonjour<script>alert(1)</script> <b onclick="x">Awa</b></p>');
		expect(plain).toBe('Bonjour Awa');
	});

	it('reads text typed without tags', () => {
		expect(richTextToPlain('ligne 1\nligne 2\n\nfin')).toBe('ligne 1\nligne 2\n\nfin');
	});
});

describe('richTextInput', () => {
	it('gives the sanitised HTML', () => {
		const html = parseInput(richTextInput(1000), '<p onclick="x()">Texte <i>ok</i></p>', 'fr');
		expect(html).toBe('<p>Texte <i>ok</i></p>');
	});

	it('measures the length after sanitising', () => {
		const junk = `<p style="${'x'.repeat(500)}">court</p>`;
		expect(parseInput(richTextInput(20), junk, 'fr')).toBe('<p>court</p>');
	});

	it("refuses text too long once sanitised, in the user's language", () => {
		const long = `<p>${'a'.repeat(50)}</p>`;
		for (const [locale, words] of [
			['fr', /20 caractères au plus/],
			['en', /at most 20 characters/]
		] as const) {
			let error: unknown;
			try {
				parseInput(richTextInput(20), long, locale);
			} catch (e) {
				error = e;
			}
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).errors[0]!.message).toMatch(words);
		}
	});
});
