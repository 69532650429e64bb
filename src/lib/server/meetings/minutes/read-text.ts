/**
 * Reads minutes written like the cluster's reports (../shared/reference/compte-rendu-…txt): a title,
 * "(20 octobre 2016, 14h30, PNUD)", then numbered sections — objectives, the agenda table (subject /
 * context / status, with sections such as "Divers"), lessons learned, consensus, priority actions
 * (what / who / when), perspectives, participants. Table rows are lines with tabs between cells.
 * DOCX files are first turned into the same text (docx-text.ts).
 */
import { richTextToPlain, sanitizeRichText } from '../../rich-text/sanitize';
import { ValidationError } from '../../errors';
import type { Locale } from '../../i18n';
import { m } from '$lib/paraglide/messages';
import type { ActionDraft, AgendaItemDraft, DraftProblem, MinutesDraft, ParticipantDraft } from './draft';
import { readFrenchDate, readFrenchTime } from './french-dates';

type Section =
	'objectives' | 'agenda' | 'lessons' | 'consensus' | 'actions' | 'perspectives' | 'participants';
interface Line {
	number: number;
	text: string;
}

/** Words that name a section in its numbered heading ("2. État des lieux des activités"). */
const SECTION_WORDS: [RegExp, Section][] = [
	[/^objectif/, 'objectives'],
	[/^(etat des lieux|ordre du jour|agenda|points? )/, 'agenda'],
	[/^lecons?/, 'lessons'],
	[/^(consensus|decisions?)/, 'consensus'],
	[/^actions?/, 'actions'],
	[/^perspectives?/, 'perspectives'],
	[/^(participants?|liste de presence|presences?)/, 'participants']
];

const fold = (text: string) =>
	text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();

export function readMinutesText(text: string, locale: Locale): MinutesDraft {
	const lines = text
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.map((t, i) => ({ number: i + 1, text: t.replace(/ +$/, '') }))
		.filter((l) => l.text.trim() !== '');
	const problems: DraftProblem[] = [];
	const { title, rest } = readHeading(lines);
	const sections = splitSections(rest);
	if (!title || sections.size === 0)
		throw new ValidationError([
			{ path: 'file', message: m.minutes_error_unreadable({ line: rest[0]?.number ?? 1 }, { locale }) }
		]);
	const when = readWhen(lines, problems, locale);
	const year = when.date ? Number(when.date.slice(0, 4)) : null;
	return {
		title: title.text,
		...when,
		objectives: paragraphsHtml(sections.get('objectives') ?? []),
		agenda: readAgenda(sections.get('agenda') ?? []),
		lessons: readList(sections.get('lessons') ?? []),
		consensus: readList(sections.get('consensus') ?? []),
		actions: readActions(sections.get('actions') ?? [], year, when.date, problems, locale),
		perspectives: readList(sections.get('perspectives') ?? []),
		participants: readParticipants(sections.get('participants') ?? [], problems, locale),
		problems
	};
}

/** The title is the first line; a line in parentheses under it says when and where. */
function readHeading(lines: Line[]) {
	const [title, ...rest] = lines;
	return { title, rest: rest[0] && /^\(.*\)$/.test(rest[0].text.trim()) ? rest.slice(1) : rest };
}

function readWhen(lines: Line[], problems: DraftProblem[], locale: Locale) {
	const line = lines.slice(1, 3).find((l) => /^\(.*\)$/.test(l.text.trim()));
	if (!line) return { date: null, startTime: null, place: null };
	const [dateText = '', ...others] = line.text
		.trim()
		.slice(1, -1)
		.split(',')
		.map((p) => p.trim());
	const date = readFrenchDate(dateText);
	if (!date)
		problems.push({
			line: line.number,
			field: 'date',
			message: m.minutes_error_date({ text: dateText }, { locale })
		});
	const time = others[0] ? readFrenchTime(others[0]) : null;
	const place = (time ? others.slice(1) : others).join(', ') || null;
	return { date, startTime: time, place };
}

function splitSections(lines: Line[]): Map<Section, Line[]> {
	const sections = new Map<Section, Line[]>();
	let current: Line[] | null = null;
	for (const line of lines) {
		const section = sectionOf(line.text);
		if (section) sections.set(section, (current = []));
		else current?.push(line);
	}
	return sections;
}

function sectionOf(text: string): Section | null {
	const heading = /^\s*\d+\s*[.)]\s+(.{3,60})$/.exec(text);
	if (!heading || text.includes('\t')) return null;
	const words = fold(heading[1]!);
	return SECTION_WORDS.find(([pattern]) => pattern.test(words))?.[1] ?? null;
}

const isRow = (line: Line) => line.text.includes('\t');
const cells = (line: Line) => line.text.split('\t').map((c) => c.trim());
/** The table's first row, when it names its columns ("Sujet", "Description", "Organisation"). */
const isHeaderRow = (lines: Line[], line: Line, words: RegExp) =>
	isRow(line) && lines.find(isRow) === line && words.test(fold(cells(line)[0] ?? ''));

/**
 * Agenda rows become items; a row with only a subject starts a section ("Divers"). Lines without
 * tabs belong to the item above (a cell cut by a page break, a list under it) — unless a short line
 * with no final stop opens the next paragraphs, which is how a row lost its tabs: a new item.
 */
function readAgenda(lines: Line[]): AgendaItemDraft[] {
	const items: (AgendaItemDraft & { blocks: string[] })[] = [];
	let section: string | null = null;
	for (const [index, line] of lines.entries()) {
		if (isHeaderRow(lines, line, /^(sujet|point|subject)/)) continue;
		if (isRow(line)) {
			const [subject = '', context = '', status = ''] = cells(line);
			if (!context && !status) section = subject;
			else items.push({ section, subject: plain(subject), context: '', status, blocks: [asHtml(context)] });
			continue;
		}
		const last = items.at(-1);
		if (!last || opensItem(line, lines[index + 1])) {
			items.push({ section, subject: line.text.trim(), context: '', status: '', blocks: [] });
			continue;
		}
		appendBlock(last.blocks, line.text.trim());
	}
	return items.map(({ blocks, ...item }) => ({
		...item,
		context: sanitizeRichText(blocks.join(' ')),
		status: sanitizeRichText(asHtml(item.status))
	}));
}

function opensItem(line: Line, next: Line | undefined): boolean {
	const text = line.text.trim();
	const titleLike =
		text.length <= 80 && !/[.:;!?…]$/.test(text) && !text.startsWith('-') && text !== text.toUpperCase();
	return titleLike && /^[A-ZÀ-Ý]/.test(text) && next !== undefined && !isRow(next) && !sectionOf(next.text);
}

/** Adds a line to an item's context: a list item, the rest of a cut paragraph, or a paragraph. */
function appendBlock(blocks: string[], text: string) {
	const last = blocks.at(-1) ?? '';
	if (text.startsWith('- ')) {
		const item = `<li>${escape(text.slice(2))}</li>`;
		if (last.endsWith('</ul>')) blocks[blocks.length - 1] = `${last.slice(0, -5)}${item}</ul>`;
		else blocks.push(`<ul>${item}</ul>`);
	} else if (/^[a-zà-ÿ]/.test(text) && /[^.:;!?…]<\/p>$/.test(last)) {
		blocks[blocks.length - 1] = `${last.slice(0, -4)} ${escape(text)}</p>`;
	} else blocks.push(`<p>${escape(text)}</p>`);
}

/** A cell as written: HTML already (the report's `<p>` cells), or plain text made a paragraph. */
function asHtml(cell: string): string {
	if (!cell) return '';
	return /<\/?[a-z][^>]*>/i.test(cell) ? cell : `<p>${escape(cell)}</p>`;
}

function paragraphsHtml(lines: Line[]): string {
	const blocks: string[] = [];
	for (const line of lines) appendBlock(blocks, line.text.trim());
	return sanitizeRichText(blocks.join(''));
}

/** Bulleted items; a line without a bullet continues the item above it (or starts the first). */
function readList(lines: Line[]): string[] {
	const items: string[] = [];
	for (const line of lines) {
		const text = line.text.trim();
		if (/^[-•–*]\s+/.test(text) || items.length === 0) items.push(text.replace(/^[-•–*]\s+/, ''));
		else items[items.length - 1] += ` ${text}`;
	}
	return items;
}

function readActions(
	lines: Line[],
	year: number | null,
	meetingDate: string | null,
	problems: DraftProblem[],
	locale: Locale
): ActionDraft[] {
	const actions: ActionDraft[] = [];
	for (const line of lines) {
		if (isHeaderRow(lines, line, /^(description|action|quoi|what)/)) continue;
		const [description = '', responsible = '', dueText = ''] = isRow(line) ? cells(line) : [line.text.trim()];
		const dueDate = dueText ? readFrenchDate(dueText, year) : null;
		if (dueText && !dueDate)
			problems.push({
				line: line.number,
				field: 'dueDate',
				message: m.minutes_error_date({ text: dueText }, { locale })
			});
		if (dueDate && meetingDate && dueDate < meetingDate)
			problems.push({
				line: line.number,
				field: 'dueDate',
				message: m.minutes_warning_due_before({ text: dueText }, { locale })
			});
		if (!responsible)
			problems.push({
				line: line.number,
				field: 'responsible',
				message: m.minutes_error_responsible({}, { locale })
			});
		actions.push({ description, responsible, dueDate, dueText });
	}
	return actions;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function readParticipants(lines: Line[], problems: DraftProblem[], locale: Locale): ParticipantDraft[] {
	const people: ParticipantDraft[] = [];
	for (const line of lines) {
		if (isHeaderRow(lines, line, /^(organi[sz]ation|structure|nom|name)/)) continue;
		const [organisation = '', name = '', role = '', email = ''] = cells(line);
		if (!name) {
			problems.push({
				line: line.number,
				field: 'name',
				message: m.minutes_error_participant({}, { locale })
			});
			continue;
		}
		const valid = EMAIL.test(email);
		if (email && !valid)
			problems.push({
				line: line.number,
				field: 'email',
				message: m.minutes_error_email({ text: email }, { locale })
			});
		people.push({
			organisation,
			name,
			function: role,
			email: valid ? email.toLowerCase() : null,
			personId: null,
			organisationId: null
		});
	}
	return people;
}

/** A subject is plain text, even where the report put formatting in it. */
function plain(text: string) {
	return /<[a-z/]/i.test(text) ? richTextToPlain(sanitizeRichText(text)).replace(/\s+/g, ' ').trim() : text;
}

function escape(text: string) {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
