import { unzipSync, strFromU8, type UnzipFileInfo } from 'fflate';

/** Past this once unpacked, a file would not fit in the server's memory as parsed cells. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

export type ZipContent =
	| { kind: 'workbook' }
	| { kind: 'document' }
	| { kind: 'too-large' }
	| { kind: 'archive'; count: number; file?: { name: string; bytes: Uint8Array } };

/**
 * What a ZIP is: an XLSX or ODS workbook (both are ZIPs), an office document that is not a table,
 * or an archive around the user's file. Sizes are checked from the directory before unpacking
 * anything, so a small ZIP that unpacks to gigabytes is refused.
 */
export function readZip(bytes: Uint8Array): ZipContent {
	const entries = listEntries(bytes);
	if (entries.reduce((sum, e) => sum + e.originalSize, 0) > MAX_UNPACKED_BYTES) {
		return { kind: 'too-large' };
	}
	const names = new Set(entries.map((e) => e.name));
	if (names.has('xl/workbook.xml') || names.has('xl/workbook.bin')) return { kind: 'workbook' };
	if (names.has('mimetype')) return openDocument(bytes);
	if (names.has('word/document.xml') || names.has('ppt/presentation.xml')) return { kind: 'document' };
	const files = entries.filter((e) => isUserFile(e.name));
	if (files.length !== 1) return { kind: 'archive', count: files.length };
	const name = files[0]!.name;
	const bytesOf = unzipSync(bytes, { filter: (e) => e.name === name })[name]!;
	return { kind: 'archive', count: 1, file: { name, bytes: bytesOf } };
}

function listEntries(bytes: Uint8Array): UnzipFileInfo[] {
	const entries: UnzipFileInfo[] = [];
	unzipSync(bytes, {
		filter: (entry) => {
			entries.push(entry);
			return false;
		}
	});
	return entries;
}

function openDocument(bytes: Uint8Array): ZipContent {
	const mimetype = strFromU8(unzipSync(bytes, { filter: (e) => e.name === 'mimetype' }).mimetype!);
	return mimetype.trim() === 'application/vnd.oasis.opendocument.spreadsheet'
		? { kind: 'workbook' }
		: { kind: 'document' };
}

/** Folders and what macOS and Windows add to archives are not the user's files. */
function isUserFile(path: string) {
	const name = path.split('/').pop() ?? '';
	return (
		!path.endsWith('/') && !path.startsWith('__MACOSX/') && !name.startsWith('.') && name !== 'Thumbs.db'
	);
}
