/**
 * What an attached file is, told by its bytes and never by the name or type the browser sends: a
 * program renamed `.pdf`, a web page or an SVG image (both can carry script) are refused. Office
 * files are ZIPs: their declared content types (OOXML) or `mimetype` entry (OpenDocument) say which,
 * and those that carry macros are refused.
 */
import { strFromU8, unzipSync } from 'fflate';

export interface AttachmentType {
	mime: string;
	/** The extensions a file of this type is saved under; the first is added to a name without one. */
	extensions: string[];
}

const PDF: AttachmentType = { mime: 'application/pdf', extensions: ['pdf'] };
const PNG: AttachmentType = { mime: 'image/png', extensions: ['png'] };
const JPEG: AttachmentType = { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] };
const DOCX: AttachmentType = {
	mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	extensions: ['docx']
};
const XLSX: AttachmentType = {
	mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	extensions: ['xlsx']
};
const ODT: AttachmentType = { mime: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] };
const ODS: AttachmentType = { mime: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] };
const CSV: AttachmentType = { mime: 'text/csv', extensions: ['csv'] };
const TEXT: AttachmentType = { mime: 'text/plain', extensions: ['txt', 'text', 'tsv', 'md', 'log'] };

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((byte, i) => bytes[i] === byte);

/** The type of an allowed file, or null for anything else. `fileName` only tells CSV from plain text. */
export function sniffAttachmentType(bytes: Uint8Array, fileName: string): AttachmentType | null {
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF; // %PDF-
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffOfficeFile(bytes);
	if (!isPlainText(bytes)) return null;
	return extensionOf(fileName) === 'csv' ? CSV : TEXT;
}

/** Past this, a ZIP's content-types part is not a real one: not unpacked (a small ZIP may unpack to gigabytes). */
const MAX_MANIFEST_BYTES = 256 * 1024;
const OOXML_MAIN = {
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml': DOCX,
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': XLSX
};
const OPEN_DOCUMENT: Record<string, AttachmentType> = { [ODT.mime]: ODT, [ODS.mime]: ODS };

function sniffOfficeFile(bytes: Uint8Array): AttachmentType | null {
	try {
		const names: string[] = [];
		const manifests = unzipSync(bytes, {
			filter: (entry) => {
				names.push(entry.name);
				return (
					(entry.name === '[Content_Types].xml' || entry.name === 'mimetype') &&
					entry.originalSize <= MAX_MANIFEST_BYTES
				);
			}
		});
		if (names.some(carriesMacros)) return null;
		const mimetype = manifests['mimetype'];
		if (mimetype) return OPEN_DOCUMENT[strFromU8(mimetype).trim()] ?? null;
		const contentTypes = manifests['[Content_Types].xml'];
		if (!contentTypes) return null;
		// Macro-enabled documents (DOCM, XLSM) declare other main types, so they are not found here.
		const declared = strFromU8(contentTypes);
		const found = Object.entries(OOXML_MAIN).find(([type]) => declared.includes(`ContentType="${type}"`));
		return found?.[1] ?? null;
	} catch {
		return null; // not a readable ZIP
	}
}

/** VBA projects (Office) and Basic or script folders (OpenDocument). */
function carriesMacros(name: string): boolean {
	const lower = name.toLowerCase();
	return lower.endsWith('vbaproject.bin') || lower.startsWith('basic/') || lower.startsWith('scripts/');
}

/**
 * UTF-8 text without NUL and nearly without other control characters, that is not markup: an HTML
 * page or an SVG image would run script if a browser ever opened it as such.
 */
function isPlainText(bytes: Uint8Array): boolean {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return false;
	}
	let controls = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0) return false;
		if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) controls++;
	}
	if (controls * 100 > text.length) return false;
	const start = text
		.slice(0, 1024)
		.replace(/^\uFEFF/, '')
		.trimStart()
		.toLowerCase();
	return !/^<[a-z!?]/.test(start) && !/<(html|script|svg|body|iframe|!doctype)[\s>/]/.test(start);
}

function extensionOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

const MAX_NAME_LENGTH = 200;

/**
 * The name a file is stored under and offered on download, only ever written into a
 * Content-Disposition header: the last part of any path, without control or bidirectional
 * characters (which can disguise `fdp.exe` as `exe.pdf`), without leading dots, at most 200
 * characters, and ending with an extension of its real type.
 */
export function attachmentFileName(name: string, type: AttachmentType): string {
	const last = name.split(/[\\/]/).pop() ?? '';
	const clean = [...last]
		.filter((char) => !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(char))
		.join('')
		.replace(/\s+/g, ' ')
		.replace(/^[\s.]+|\s+$/g, '');
	const base = clean || 'document';
	const extension = type.extensions.includes(extensionOf(base)) ? '' : `.${type.extensions[0]}`;
	const room = MAX_NAME_LENGTH - extension.length;
	const chars = [...base];
	if (chars.length <= room) return base + extension;
	// Cut in the middle of the name, keeping its own extension when it has one of the type's.
	const own = extension ? '' : `.${extensionOf(base)}`;
	return (
		chars
			.slice(0, room - own.length)
			.join('')
			.trimEnd() +
		own +
		extension
	);
}
