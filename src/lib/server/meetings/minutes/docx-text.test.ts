import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxToText, MAX_DOCUMENT_XML_BYTES, NotDocxError } from './docx-text';

const shared = fileURLToPath(new URL('../../../../../../shared/', import.meta.url));
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const CONTENT_TYPES =
	'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
	'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
	'<Default Extension="xml" ContentType="application/xml"/>' +
	'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
	'</Types>';

/** A minimal DOCX around `body` (the inside of `<w:body>`), with word/styles.xml when given. */
function docx(body: string, styles?: string): Uint8Array {
	const files: Zippable = {
		'[Content_Types].xml': strToU8(CONTENT_TYPES),
		'word/document.xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}"><w:body>${body}<w:sectPr/></w:body></w:document>`
		)
	};
	if (styles) files['word/styles.xml'] = strToU8(`<w:styles xmlns:w="${W}">${styles}</w:styles>`);
	return zipSync(files);
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const run = (text: string, format = '') =>
	`<w:r>${format && `<w:rPr>${format}</w:rPr>`}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const para = (content: string, properties = '') =>
	`<w:p>${properties && `<w:pPr>${properties}</w:pPr>`}${content}</w:p>`;
const p = (text: string, properties = '') => para(run(text), properties);
const item = (text: string) => p(text, '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>');
const cell = (...paragraphs: string[]) => `<w:tc><w:tcPr/>${paragraphs.join('') || '<w:p/>'}</w:tc>`;
const row = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const table = (...rows: string[]) => `<w:tbl><w:tblPr/><w:tblGrid/>${rows.join('')}</w:tbl>`;
const ITALIC = '<w:i/>';

describe('docxToText', () => {
	it('writes minutes as the text form: lines, blank lines, "- " items, tab-separated rows', () => {
		const bytes = docx(
			p('Compte rendu de la réunion', '<w:pStyle w:val="Heading1"/>') +
				p('(20 octobre 2016, 14h30, PNUD)') +
				p('2. État des lieux', '<w:pStyle w:val="Titre1"/>') +
				item('Première action') +
				item('Seconde action') +
				table(
					row(cell(p('Sujet')), cell(p('Description/Contexte')), cell(p('Statut'))),
					row(
						cell(para(run('Stratégie (partie sectorielle et ') + run('what if', ITALIC) + run(')'))),
						cell(p('En 2017, le CRP.'), para(run('Et si ? ') + run('what if', ITALIC))),
						cell(p('Soumis'))
					),
					row(cell(p('Divers')), cell(p('OPS &amp; HRP')), cell())
				) +
				p('Après &lt;la&gt; table &amp; fin')
		);
		expect(docxToText(bytes)).toBe(
			'Compte rendu de la réunion\n\n' +
				'(20 octobre 2016, 14h30, PNUD)\n\n' +
				'2. État des lieux\n\n' +
				'- Première action\n- Seconde action\n\n' +
				'Sujet\tDescription/Contexte\tStatut\n' +
				'Stratégie (partie sectorielle et <i>what if</i>)\t<p>En 2017, le CRP.</p> <p>Et si ? <i>what if</i></p>\tSoumis\n' +
				'Divers\tOPS & HRP\t\n\n' +
				'Après <la> table & fin\n'
		);
	});

	it('keeps runs in one line: tabs and breaks are spaces, split runs join, spaces as written', () => {
		const bytes = docx(
			para(
				'<w:r><w:t>1.</w:t><w:tab/><w:t>Objectifs</w:t><w:br/><w:t xml:space="preserve"> de  la </w:t></w:r>' +
					'<w:r><w:t>\n  réunion  \n</w:t></w:r>'
			) +
				table(
					row(
						cell(para(run('a&lt;b ') + run('dit', '<w:b/>') + run(' ', ITALIC) + run('ceci', ITALIC))),
						cell(p('ligne'), '<w:p/>'),
						cell(para(run('non', '<w:i w:val="0"/>') + run(' italique', '<w:i w:val="false"/>')))
					)
				)
		);
		expect(docxToText(bytes)).toBe(
			'1. Objectifs  de  la réunion\n\n' + 'a&lt;b <b>dit</b> <i>ceci</i>\tligne\tnon italique\n'
		);
	});

	it('reads list and heading styles by id or by name, and character styles', () => {
		const styles =
			'<w:style w:type="paragraph" w:styleId="Paragraphedeliste"><w:name w:val="List Paragraph"/></w:style>' +
			'<w:style w:type="paragraph" w:styleId="Puces"><w:name w:val="Puces"/><w:basedOn w:val="Paragraphedeliste"/></w:style>' +
			'<w:style w:type="paragraph" w:styleId="Numerote"><w:name w:val="Numéroté"/>' +
			'<w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>' +
			'<w:style w:type="paragraph" w:styleId="Titre2"><w:name w:val="heading 2"/>' +
			'<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>' +
			'<w:style w:type="character" w:styleId="Accentuation"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr></w:style>';
		const bytes = docx(
			p('Actions', '<w:pStyle w:val="Titre2"/>') +
				p('par nom', '<w:pStyle w:val="Paragraphedeliste"/>') +
				p('par héritage', '<w:pStyle w:val="Puces"/>') +
				p('par numérotation du style', '<w:pStyle w:val="Numerote"/>') +
				p('par identifiant', '<w:pStyle w:val="ListBullet"/>') +
				p('numérotation retirée', '<w:pStyle w:val="Numerote"/><w:numPr><w:numId w:val="0"/></w:numPr>') +
				p('•\tpuce tapée') +
				table(row(cell(para(run('Le ') + run('Centre', '<w:rStyle w:val="Accentuation"/>'))), cell(p('x')))),
			styles
		);
		expect(docxToText(bytes)).toBe(
			'Actions\n\n' +
				'- par nom\n- par héritage\n- par numérotation du style\n- par identifiant\n\n' +
				'numérotation retirée\n\n' +
				'- puce tapée\n\n' +
				'Le <i>Centre</i>\tx\n'
		);
	});

	it('reads the current text of revisions and fields, not deleted or hidden text, codes or text boxes', () => {
		const bytes = docx(
			para(
				run('Texte ') +
					'<w:del w:id="1"><w:r><w:delText>supprimé </w:delText></w:r></w:del>' +
					'<w:ins w:id="2">' +
					run('inséré ') +
					'</w:ins>' +
					'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r>' +
					'<w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
					run('lien') +
					'<w:r><w:fldChar w:fldCharType="end"/></w:r>' +
					'<w:hyperlink w:anchor="a">' +
					run(' ancre') +
					'</w:hyperlink>' +
					'<w:r><w:rPr><w:vanish/></w:rPr><w:t>caché</w:t></w:r>' +
					'<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>encadré</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r>'
			) +
				table(
					row(
						cell(
							para(
								'<w:r><w:rPr><w:rPrChange w:id="3"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>était italique</w:t></w:r>'
							)
						),
						cell(p('b'))
					)
				)
		);
		expect(docxToText(bytes)).toBe('Texte inséré lien ancre\n\nétait italique\tb\n');
	});

	it('lines up merged cells, flattens nested tables and unwraps one-column tables', () => {
		const bytes = docx(
			table(
				row(cell(p('Sujet')), cell(p('Contexte')), cell(p('Statut'))),
				row('<w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>' + p('Divers') + '</w:tc>'),
				row(cell(), cell(), cell()),
				row(
					cell(p('ICCT')),
					cell(p('Tableau :'), table(row(cell(p('Risque')), cell(p('Mesure'))), row(cell(p('R1')), cell()))),
					cell(p('En cours'))
				)
			) + table(row(cell(p('Encadré'), item('point'))), row(cell(p('suite'))))
		);
		expect(docxToText(bytes)).toBe(
			'Sujet\tContexte\tStatut\n' +
				'Divers\t\t\n' +
				'ICCT\t<p>Tableau :</p> <p>Risque | Mesure</p> <p>R1</p>\tEn cours\n\n' +
				'Encadré\n\n- point\n\nsuite\n'
		);
	});

	it("reads Word's namespace under any prefix", () => {
		const xml =
			`<ns0:document xmlns:ns0="${W}"><ns0:body><ns0:p><ns0:r><ns0:rPr><ns0:i/></ns0:rPr>` +
			'<ns0:t>Bonjour</ns0:t></ns0:r></ns0:p><ns0:p><ns0:r><ns0:t>le monde</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>';
		const bytes = zipSync({
			'[Content_Types].xml': strToU8(CONTENT_TYPES),
			'word/document.xml': strToU8(xml)
		});
		expect(docxToText(bytes)).toBe('Bonjour\n\nle monde\n');
	});

	it('gives back every line of the reference minutes', () => {
		const reference = readFileSync(`${shared}reference/compte-rendu-crp-2016-10-20.txt`, 'utf8');
		const lines = reference.split(/\r?\n/).filter((line) => line.trim() !== '');
		let body = '';
		let rows: string[] = [];
		for (const line of lines) {
			if (line.includes('\t')) {
				rows.push(row(...line.split('\t').map((text) => cell(text ? p(escape(text)) : ''))));
				continue;
			}
			if (rows.length > 0) [body, rows] = [body + table(...rows), []];
			body += line.startsWith('- ') ? item(escape(line.slice(2))) : p(escape(line));
		}
		body += table(...rows);
		const text = docxToText(docx(body));
		expect(text.split('\n').filter((line) => line !== '')).toEqual(lines);
	});
});

describe('docxToText refuses', () => {
	const reason = (bytes: Uint8Array) => {
		try {
			docxToText(bytes);
		} catch (error) {
			if (error instanceof NotDocxError) return error.reason;
			throw error;
		}
		return 'accepted';
	};

	it('bytes that are not a ZIP, or a damaged document', () => {
		expect(reason(strToU8('Compte rendu\tde la réunion'))).toBe('unreadable');
		expect(reason(new Uint8Array())).toBe('unreadable');
		const truncated = `<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>Début`;
		expect(reason(zipSync({ 'word/document.xml': strToU8(truncated) }))).toBe('unreadable');
		const otherVocabulary =
			'<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>';
		expect(reason(zipSync({ 'word/document.xml': strToU8(otherVocabulary) }))).toBe('unreadable');
	});

	it('a ZIP that is not a Word document', () => {
		expect(reason(zipSync({ 'content.xml': strToU8('<x/>'), mimetype: strToU8('text/plain') }))).toBe(
			'not-docx'
		);
	});

	it('a Word 97–2003 or password-protected file', () => {
		const ole = new Uint8Array(512);
		ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		expect(reason(ole)).toBe('legacy-or-protected');
	});

	it('a document.xml too large once unpacked, before unpacking it', () => {
		const huge = new Uint8Array(MAX_DOCUMENT_XML_BYTES + 1).fill(0x20);
		expect(reason(zipSync({ 'word/document.xml': huge }, { level: 9 }))).toBe('too-large');
		expect(reason(docx(p('ok')))).toBe('accepted');
	});
});
