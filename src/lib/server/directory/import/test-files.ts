/** Files as partners send them, built byte for byte for the import tests. */
import { writeXlsx } from '../../spreadsheets/write-xlsx';
import type { Upload } from '../../uploads/read-upload';

/** Windows-1252 for the characters it has beyond Latin-1 (what French Excel writes for œ, ’, €). */
const CP1252_EXTRA: Record<string, number> = { '€': 0x80, '’': 0x92, œ: 0x9c, Œ: 0x8c, '…': 0x85 };

/** Text as French Excel saves "CSV (séparateur : point-virgule)": Windows-1252, CRLF, no BOM. */
export function windows1252(text: string): Uint8Array {
	const crlf = text.replace(/\r?\n/g, '\r\n');
	return Uint8Array.from([...crlf], (char) => {
		const code = char.charCodeAt(0);
		if (code <= 0xff) return code;
		const byte = CP1252_EXTRA[char];
		if (byte === undefined) throw new Error(`${char} is not in Windows-1252`);
		return byte;
	});
}

export const utf8 = (text: string) => new TextEncoder().encode(text);

export const csv = (rows: string[][], separator = ',') =>
	rows
		.map((row) =>
			row.map((cell) => (/[",;\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(separator)
		)
		.join('\n');

export const xlsx = (rows: string[][], sheet = 'Partenaires') => writeXlsx(rows, sheet);

/** The `read` callback of `previewImport`, counting whether it was called. */
export function upload(filename: string, bytes: Uint8Array) {
	const read = Object.assign(
		async (): Promise<Upload> => {
			read.calls++;
			return { filename, bytes };
		},
		{ calls: 0 }
	);
	return read;
}
