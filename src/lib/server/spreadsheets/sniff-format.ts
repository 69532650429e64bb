export type NotTable = 'html' | 'pdf' | 'image' | 'document' | 'binary';

/** What the bytes of an upload are, whatever its name says. */
export type Format =
	{ kind: 'zip' } | { kind: 'ole2' } | { kind: 'text' } | { kind: 'not-table'; found: NotTable };

const signatures: [number[], Format][] = [
	[[0x50, 0x4b, 0x03, 0x04], { kind: 'zip' }],
	[[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], { kind: 'ole2' }],
	[[0x25, 0x50, 0x44, 0x46], { kind: 'not-table', found: 'pdf' }],
	[[0x89, 0x50, 0x4e, 0x47], { kind: 'not-table', found: 'image' }],
	[[0xff, 0xd8, 0xff], { kind: 'not-table', found: 'image' }],
	[[0x47, 0x49, 0x46, 0x38], { kind: 'not-table', found: 'image' }],
	[[0x7b, 0x5c, 0x72, 0x74, 0x66], { kind: 'not-table', found: 'document' }]
];

export function sniffFormat(bytes: Uint8Array): Format {
	for (const [magic, format] of signatures) {
		if (magic.every((byte, i) => bytes[i] === byte)) return format;
	}
	return { kind: 'text' };
}

/** Text that is really markup or binary data rather than delimited values or JSON. */
export function sniffText(text: string): Format {
	const start = text.slice(0, 1024).trimStart().toLowerCase();
	if (/^<(!doctype|html|head|body|table|div|!--)/.test(start)) return { kind: 'not-table', found: 'html' };
	if (start.startsWith('<?xml')) return { kind: 'not-table', found: 'binary' };
	// Control characters other than tab and line ends do not occur in a text table.
	const sample = text.slice(0, 4096);
	if (countControls(sample) * 100 > sample.length) return { kind: 'not-table', found: 'binary' };
	return { kind: 'text' };
}

function countControls(text: string): number {
	let count = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) count++;
	}
	return count;
}
