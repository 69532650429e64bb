/** One piece of an XML document, in document order. Text comes with its entities decoded. */
export type XmlToken =
	| { kind: 'open'; name: string; attributes: string; empty: boolean }
	| { kind: 'close'; name: string }
	| { kind: 'text'; text: string };

export class MalformedXmlError extends Error {}

/**
 * The tags and text of an XML document, without building a tree: a large document then costs its
 * text, not an object per element. Tags must nest (a truncated or damaged part is refused);
 * comments, processing instructions and the doctype are skipped — no entity is ever declared or
 * expanded beyond XML's own five.
 */
export function* xmlTokens(xml: string): Generator<XmlToken> {
	const open: string[] = [];
	let at = 0;
	while (at < xml.length) {
		const lt = xml.indexOf('<', at);
		const textEnd = lt === -1 ? xml.length : lt;
		if (textEnd > at) yield { kind: 'text', text: decodeXmlText(xml.slice(at, textEnd)) };
		if (lt === -1) break;
		if (xml.startsWith('<![CDATA[', lt)) {
			const end = required(xml.indexOf(']]>', lt));
			yield { kind: 'text', text: xml.slice(lt + 9, end) };
			at = end + 3;
		} else if (xml.startsWith('<!--', lt)) {
			at = required(xml.indexOf('-->', lt)) + 3;
		} else if (xml.startsWith('<?', lt)) {
			at = required(xml.indexOf('?>', lt)) + 2;
		} else if (xml.startsWith('<!', lt)) {
			at = required(xml.indexOf('>', lt)) + 1;
		} else if (xml[lt + 1] === '/') {
			const end = required(xml.indexOf('>', lt));
			const name = xml.slice(lt + 2, end).trim();
			if (open.pop() !== name) throw new MalformedXmlError(`unexpected </${name}>`);
			yield { kind: 'close', name };
			at = end + 1;
		} else {
			const end = required(tagEnd(xml, lt + 1));
			const empty = xml[end - 1] === '/';
			const inside = xml.slice(lt + 1, empty ? end - 1 : end);
			const name = /^[^\s/>]+/.exec(inside)?.[0];
			if (!name) throw new MalformedXmlError('tag without a name');
			yield { kind: 'open', name, attributes: inside.slice(name.length), empty };
			if (empty) yield { kind: 'close', name };
			else open.push(name);
			at = end + 1;
		}
	}
	if (open.length > 0) throw new MalformedXmlError(`<${open.at(-1)}> is not closed`);
}

/** The attributes of an open tag by qualified name, values decoded. */
export function readAttributes(attributes: string): Map<string, string> {
	const values = new Map<string, string>();
	for (const match of attributes.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
		values.set(match[1]!, decodeXmlText(match[2] ?? match[3] ?? ''));
	}
	return values;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlText(raw: string): string {
	if (!raw.includes('&')) return raw;
	return raw.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
		if (body[0] !== '#') return NAMED[body] ?? entity;
		const code =
			body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
		return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
	});
}

/** Where a tag ends: the first `>` outside a quoted attribute value (values may hold `>`). */
function tagEnd(xml: string, from: number): number {
	let quote = '';
	for (let i = from; i < xml.length; i++) {
		const c = xml[i];
		if (quote) {
			if (c === quote) quote = '';
		} else if (c === '"' || c === "'") quote = c;
		else if (c === '>') return i;
	}
	return -1;
}

function required(index: number): number {
	if (index === -1) throw new MalformedXmlError('unexpected end of document');
	return index;
}
