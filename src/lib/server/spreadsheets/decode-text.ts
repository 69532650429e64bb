const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

/**
 * The text of a CSV or JSON file. A byte-order mark says the encoding; otherwise UTF-8 if the bytes
 * are valid UTF-8, else Windows-1252 — what French Excel writes for "CSV (séparateur : point-virgule)".
 */
export function decodeText(bytes: Uint8Array): string {
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes.subarray(3));
	if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
	if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
	try {
		return utf8.decode(bytes);
	} catch {
		return windows1252.decode(bytes);
	}
}

function startsWith(bytes: Uint8Array, prefix: number[]) {
	return prefix.every((byte, i) => bytes[i] === byte);
}
