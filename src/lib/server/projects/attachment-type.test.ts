import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { attachmentFileName, sniffAttachmentType, type AttachmentType } from './attachment-type';

const bytes = (...values: number[]) => new Uint8Array([...values, ...new Array(32).fill(0x20)]);
const text = (value: string) => new TextEncoder().encode(value);
const mime = (data: Uint8Array, name = 'fichier') => sniffAttachmentType(data, name)?.mime ?? null;

const OOXML = 'application/vnd.openxmlformats-officedocument';
const contentTypes = (main: string) =>
	strToU8(
		`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/main.xml" ContentType="${main}"/></Types>`
	);
const docx = () =>
	zipSync({
		'[Content_Types].xml': contentTypes(`${OOXML}.wordprocessingml.document.main+xml`),
		'word/document.xml': strToU8('<w:document/>')
	});
const openDocument = (type: string, extra: Record<string, Uint8Array> = {}) =>
	zipSync({ mimetype: strToU8(type), 'content.xml': strToU8('<office:document-content/>'), ...extra });

describe('sniffAttachmentType: by the bytes, never by the name', () => {
	it('knows PDF, PNG and JPEG by their signatures', () => {
		expect(mime(text('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'x.exe')).toBe('application/pdf');
		expect(mime(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13))).toBe('image/png');
		expect(mime(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46))).toBe('image/jpeg');
	});

	it('tells DOCX, XLSX, ODT and ODS apart by what the ZIP declares', () => {
		expect(mime(docx())).toBe(`${OOXML}.wordprocessingml.document`);
		const xlsx = zipSync({
			'[Content_Types].xml': contentTypes(`${OOXML}.spreadsheetml.sheet.main+xml`),
			'xl/workbook.xml': strToU8('<workbook/>')
		});
		expect(mime(xlsx, 'budget.pdf')).toBe(`${OOXML}.spreadsheetml.sheet`);
		expect(mime(openDocument('application/vnd.oasis.opendocument.text'))).toBe(
			'application/vnd.oasis.opendocument.text'
		);
		expect(mime(openDocument('application/vnd.oasis.opendocument.spreadsheet'))).toBe(
			'application/vnd.oasis.opendocument.spreadsheet'
		);
	});

	it('refuses other ZIPs, macro-enabled documents and broken archives', () => {
		expect(mime(zipSync({ 'setup.exe': bytes(0x4d, 0x5a) }), 'rapport.docx')).toBeNull();
		const docm = zipSync({
			'[Content_Types].xml': contentTypes('application/vnd.ms-word.document.macroEnabled.main+xml'),
			'word/document.xml': strToU8('<w:document/>')
		});
		expect(mime(docm, 'rapport.docx')).toBeNull();
		const withVba = zipSync({
			'[Content_Types].xml': contentTypes(`${OOXML}.wordprocessingml.document.main+xml`),
			'word/vbaProject.bin': bytes(1, 2, 3)
		});
		expect(mime(withVba)).toBeNull();
		expect(
			mime(
				openDocument('application/vnd.oasis.opendocument.text', {
					'Basic/Standard/Module1.xml': strToU8('x')
				})
			)
		).toBeNull();
		expect(mime(openDocument('application/vnd.oasis.opendocument.presentation'))).toBeNull();
		expect(mime(docx().subarray(0, 40))).toBeNull();
	});

	it('refuses a program renamed .pdf, web pages and SVG images', () => {
		const exe = bytes(0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04);
		expect(mime(exe, 'rapport.pdf')).toBeNull();
		expect(mime(text('<!DOCTYPE html><html><script>alert(1)</script>'), 'note.txt')).toBeNull();
		expect(mime(text('\uFEFF  <html><body>x</body></html>'), 'note.txt')).toBeNull();
		expect(
			mime(text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), 'carte.png')
		).toBeNull();
		expect(mime(text('<svg onload="alert(1)"></svg>'), 'a.csv')).toBeNull();
		expect(mime(text('Titre\n<script>alert(1)</script>'), 'a.txt')).toBeNull();
	});

	it('takes UTF-8 text without NUL: CSV by its name, plain text otherwise', () => {
		expect(mime(text('Lieu;Personnes\nTombouctou;1 200\n'), 'lieux.CSV')).toBe('text/csv');
		expect(mime(text('Compte rendu — réunion du 20/10/2016\r\n'), 'notes')).toBe('text/plain');
		expect(mime(text('a < b et c > d'), 'maths.txt')).toBe('text/plain');
		expect(mime(text('a\u0000b'), 'a.txt')).toBeNull();
		expect(mime(new Uint8Array([0x52, 0xe9, 0x67, 0x69, 0x6f, 0x6e]), 'latin1.csv')).toBeNull();
		expect(mime(text('\u0001\u0002\u0003\u0004abc'), 'a.txt')).toBeNull();
	});
});

describe('attachmentFileName: a name for Content-Disposition only', () => {
	const pdf = sniffAttachmentType(text('%PDF-1.4'), 'x') as AttachmentType;
	const textType = sniffAttachmentType(text('bonjour'), 'x') as AttachmentType;
	const jpeg = sniffAttachmentType(bytes(0xff, 0xd8, 0xff), 'x') as AttachmentType;

	it('keeps the last part of a path, without control or direction characters', () => {
		expect(attachmentFileName('../../etc/passwd', textType)).toBe('passwd.txt');
		expect(attachmentFileName('a/b\\c.pdf', pdf)).toBe('c.pdf');
		expect(attachmentFileName('C:\\Users\\ama\\Budget 2017.PDF', pdf)).toBe('Budget 2017.PDF');
		expect(attachmentFileName('rap\u0000port\n\t final.pdf', pdf)).toBe('rapport final.pdf');
		expect(attachmentFileName('photo\u202Egpj.exe', jpeg)).toBe('photogpj.exe.jpg');
		expect(attachmentFileName('..', pdf)).toBe('document.pdf');
		expect(attachmentFileName('.htaccess', textType)).toBe('htaccess.txt');
		expect(attachmentFileName('', pdf)).toBe('document.pdf');
	});

	it('ends with an extension of the real type', () => {
		expect(attachmentFileName('photo.jpeg', jpeg)).toBe('photo.jpeg');
		expect(attachmentFileName('lettre.html', textType)).toBe('lettre.html.txt');
		expect(attachmentFileName('budget', pdf)).toBe('budget.pdf');
	});

	it('is at most 200 characters, keeping the extension', () => {
		const long = attachmentFileName(`${'é'.repeat(300)}.pdf`, pdf);
		expect([...long].length).toBe(200);
		expect(long.endsWith('é.pdf')).toBe(true);
		const added = attachmentFileName('x'.repeat(300), pdf);
		expect(added).toBe(`${'x'.repeat(196)}.pdf`);
	});
});
