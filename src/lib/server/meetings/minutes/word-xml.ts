import { MalformedXmlError, readAttributes, xmlTokens } from './xml-tokens';

const WORD_NAMESPACES = new Set([
	'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
	'http://purl.oclc.org/ooxml/wordprocessingml/main'
]);

/**
 * A token of a WordprocessingML part. Elements of Word's namespace are named by their local name
 * ("p", "tbl") whatever prefix the file uses; others keep their qualified name behind a "#"
 * ("#mc:Fallback", "#m:r"), so they never pass for Word's own.
 */
export type WordToken =
	| { kind: 'open'; name: string; attribute: (local: string) => string | undefined }
	| { kind: 'close'; name: string }
	| { kind: 'text'; text: string };

/** The tokens of a part whose root element is Word's `root` ("document", "styles"). */
export function* wordTokens(xml: string, root: string): Generator<WordToken> {
	let prefix: string | null = null;
	for (const token of xmlTokens(xml)) {
		if (token.kind === 'text') {
			yield token;
			continue;
		}
		if (prefix === null) prefix = rootPrefix(token.name, token.kind === 'open' ? token.attributes : '', root);
		const name = localName(token.name, prefix);
		if (token.kind === 'close') yield { kind: 'close', name };
		else yield { kind: 'open', name, attribute: attributeReader(token.attributes) };
	}
}

/** The prefix the root element gives Word's namespace, refusing a part of another vocabulary. */
function rootPrefix(name: string, attributes: string, root: string): string {
	const colon = name.indexOf(':');
	const prefix = colon === -1 ? '' : name.slice(0, colon);
	const namespace = readAttributes(attributes).get(prefix ? `xmlns:${prefix}` : 'xmlns');
	if (name.slice(colon + 1) !== root || !namespace || !WORD_NAMESPACES.has(namespace)) {
		throw new MalformedXmlError(`not a WordprocessingML ${root}`);
	}
	return prefix;
}

function localName(name: string, prefix: string): string {
	if (prefix === '') return name.includes(':') ? `#${name}` : name;
	return name.startsWith(`${prefix}:`) ? name.slice(prefix.length + 1) : `#${name}`;
}

/** Attributes by local name ("val", "space"): Word's attributes are all prefixed, read them lazily. */
function attributeReader(attributes: string): (local: string) => string | undefined {
	let values: Map<string, string> | null = null;
	return (local) => {
		values ??= readAttributes(attributes);
		for (const [name, value] of values) if (name.slice(name.indexOf(':') + 1) === local) return value;
		return undefined;
	};
}

/** An on/off property (`<w:i/>`, `<w:b w:val="0"/>`) as Word reads it. */
export function isOn(value: string | undefined): boolean {
	return value === undefined || !['0', 'false', 'off'].includes(value);
}
