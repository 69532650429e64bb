import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';

/**
 * Formatted text ("rich text") as Concerto stores it: a small set of tags that the editor
 * (static/rich-text.js), Word pastes and imported meeting reports produce. Everything is
 * sanitised here, on the server, whatever the browser sent.
 */

const BLOCKS = ['p', 'h2', 'h3', 'h4', 'li', 'blockquote'];

const options: sanitizeHtml.IOptions = {
	allowedTags: [
		...BLOCKS,
		'br',
		'strong',
		'b',
		'em',
		'i',
		'u',
		'ul',
		'ol',
		'a',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td'
	],
	allowedAttributes: { a: ['href', 'rel'] },
	allowedSchemes: ['http', 'https', 'mailto'],
	allowedSchemesAppliedToAttributes: ['href'],
	allowProtocolRelative: false,
	// Tags whose content is not text a reader wrote: dropped with the tag.
	nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'xml'],
	transformTags: {
		a: (tagName, { href }): sanitizeHtml.Tag => ({
			tagName,
			attribs: href ? { href, rel: 'noopener noreferrer' } : {}
		})
	},
	exclusiveFilter: (frame) => {
		// A link whose address was refused keeps its words; an empty paragraph (Word pastes
		// are full of them) goes.
		if (frame.tag === 'a' && !frame.attribs.href) return 'excludeTag';
		return BLOCKS.includes(frame.tag) && !frame.text.trim();
	}
};

/** Safe HTML for display; '' when nothing readable is left. Text without tags becomes paragraphs. */
export function sanitizeRichText(html: string): string {
	const source = html.replace(/\r\n?/g, '\n').trim();
	if (!source) return '';
	let clean = sanitizeHtml(hasTags(source) ? source : paragraphs(source), options).trim();
	// Markup whose every tag was dropped must still read as markup next time, not as typed text.
	if (!hasTags(clean)) clean = `<p>${clean}</p>`;
	return richTextToPlain(clean, { sanitized: true }) ? clean : '';
}

function hasTags(text: string): boolean {
	return /<\/?[a-z][^<>]*>|<!--/i.test(text);
}

/** Text typed without the editor: a blank line between paragraphs, a newline within one. */
function paragraphs(text: string): string {
	return text
		.split(/\n\s*\n/)
		.map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\n/g, '<br>')}</p>`)
		.join('');
}

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const LINE = '\n';
const PARAGRAPH = '\n\n';
const INLINE = ['a', 'strong', 'b', 'em', 'i', 'u'];
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };

/**
 * The words of rich text for search, previews and exports: paragraphs separated by a blank
 * line, list items on their own line ("- " or "1. "), table cells separated by " | ".
 */
export function richTextToPlain(html: string, { sanitized = false } = {}): string {
	// Sanitised HTML is regular (known tags, text escaped), so a simple tokenizer reads it.
	const source = sanitized ? html : sanitizeRichText(html);
	const lists: number[] = []; // per open list: 0 for bullets, else the next item's number
	let firstCell = true;
	let out = '';
	for (const [, closing, tag, text] of source.matchAll(/<(\/?)([a-z0-9]+)[^>]*>|([^<]+)/g)) {
		if (text !== undefined) out += text.replace(/[ \t\n\r\f]+/g, ' ');
		else if (tag === 'br') out += LINE;
		else if (tag === 'ul' || tag === 'ol') {
			if (closing) lists.pop();
			if (!lists.length) out += PARAGRAPH; // a nested list continues its item's lines
			if (!closing) lists.push(tag === 'ol' ? 1 : 0);
		} else if (tag === 'li') {
			const next = lists.at(-1) ?? 0;
			if (!closing) out += LINE + (next ? `${next}. ` : '- ');
			if (!closing && next) lists[lists.length - 1] = next + 1;
		} else if (tag === 'td' || tag === 'th') {
			if (!closing && !firstCell) out += ' | ';
			firstCell = false;
		} else if (tag === 'tr') {
			if (!closing) out += LINE;
			firstCell = true;
		} else if (tag === 'thead' || tag === 'tbody') continue;
		else if (!INLINE.includes(tag!)) out += PARAGRAPH;
	}
	return out
		.replace(/&(amp|lt|gt|quot);/g, (_, name: string) => ENTITIES[name]!)
		.replace(/\u00a0/g, ' ')
		.replace(/[ \t]*\n[ \t]*/g, '\n')
		.replace(/\n{3,}/g, PARAGRAPH)
		.trim();
}

/**
 * A form or API field holding rich text, for `parseInput`: gives the sanitised HTML, and the
 * length limit applies to what is stored, after sanitising.
 */
export function richTextInput(max: number) {
	return z.string().transform(sanitizeRichText).pipe(z.string().max(max));
}
