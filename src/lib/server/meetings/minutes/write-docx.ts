/**
 * The minutes of a meeting as a Word document laid out like the cluster's reports
 * (../shared/reference/compte-rendu-…txt): title, "(20 octobre 2016, 14h30, PNUD)", then 1. Objectives,
 * 2. the agenda as a subject / context / status table with its sections ("Divers") as rows across,
 * 3. lessons, 4. consensus, 5. priority actions (what / who / when), 6. perspectives, 7. participants.
 * The import reads such a file back (docx-text.ts, read-text.ts): headings keep their numbers in
 * their text and lists are Word lists, so that a downloaded report can be imported again.
 */
import {
	AlignmentType,
	Document,
	ExternalHyperlink,
	HeadingLevel,
	LevelFormat,
	Packer,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type ParagraphChild
} from 'docx';
import { inArray } from 'drizzle-orm';
import type { Ctx } from '../../context';
import type { Download } from '../../downloads';
import { organisation, person } from '../../db/schema';
import type { Locale } from '../../i18n';
import { m } from '$lib/paraglide/messages';
import { getMeeting } from '../meetings';

type Meeting = Awaited<ReturnType<typeof getMeeting>>;

/** What the document shows: the meeting as the page reads it, with who is responsible by name. */
export interface MinutesForDocx {
	title: string;
	heldOn: string | null;
	startTime: string | null;
	place: string | null;
	objectives: string;
	agenda: { section: string | null; subject: string; context: string; status: string }[];
	/** False before the minutes are published, for a user who does not manage the cluster. */
	minutesVisible: boolean;
	lessons: string[];
	consensus: string[];
	perspectives: string[];
	actions: { description: string; responsible: string; dueOn: string | null }[];
	participants: { organisation: string; name: string; function: string; email: string | null }[];
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The DOCX of a meeting's minutes, with the same visibility as its page. */
export async function minutesDocx(ctx: Ctx, id: string, locale: Locale = ctx.locale): Promise<Download> {
	const meeting = await getMeeting(ctx, id);
	const minutes = await forDocx(ctx, meeting);
	return {
		body: await writeMinutesDocx(minutes, locale),
		contentType: DOCX_TYPE,
		filename: docxFilename(minutes, locale)
	};
}

async function forDocx(ctx: Ctx, meeting: Meeting): Promise<MinutesForDocx> {
	// Before the minutes are published, getMeeting gives others the invitation only.
	const minutesVisible = meeting.minutesVisible;
	const ids = (key: 'responsibleOrganisationId' | 'responsiblePersonId') =>
		meeting.actions.flatMap((a) => (a[key] ? [a[key]] : []));
	const [organisations, people] = await Promise.all([
		ids('responsibleOrganisationId').length
			? ctx.db
					.select({ id: organisation.id, acronym: organisation.acronym, name: organisation.name })
					.from(organisation)
					.where(inArray(organisation.id, ids('responsibleOrganisationId')))
			: [],
		ids('responsiblePersonId').length
			? ctx.db
					.select({ id: person.id, name: person.name })
					.from(person)
					.where(inArray(person.id, ids('responsiblePersonId')))
			: []
	]);
	const organisationName = new Map(organisations.map((o) => [o.id, o.acronym ?? o.name]));
	const personName = new Map(people.map((p) => [p.id, p.name]));
	return {
		title: meeting.title,
		heldOn: meeting.heldOn,
		startTime: meeting.startTime,
		place: meeting.place,
		objectives: meeting.objectives,
		agenda: meeting.agenda,
		minutesVisible,
		lessons: minutesVisible ? meeting.lessons : [],
		consensus: minutesVisible ? meeting.consensus : [],
		perspectives: minutesVisible ? meeting.perspectives : [],
		actions: minutesVisible
			? meeting.actions.map((a) => ({
					description: a.description,
					responsible: [
						a.responsiblePersonId && personName.get(a.responsiblePersonId),
						a.responsibleOrganisationId && organisationName.get(a.responsibleOrganisationId),
						a.responsibleText
					]
						.filter(Boolean)
						.join(', '),
					dueOn: a.dueOn
				}))
			: [],
		participants: minutesVisible
			? meeting.attendance
					.filter((a) => a.status === 'present')
					.map((a) => ({
						organisation: a.organisationName,
						name: a.name,
						function: a.function,
						email: a.email
					}))
			: []
	};
}

/** "compte-rendu-2016-10-20-reunion-des-partenaires.docx": ASCII, no path or quote characters. */
export function docxFilename(minutes: { title: string; heldOn: string | null }, locale: Locale): string {
	const slug = minutes.title
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	const parts = [m.actionedit_docx_filename({}, { locale }), minutes.heldOn, slug].filter(Boolean);
	return `${parts.join('-')}.docx`;
}

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** "20 octobre 2016" (the import reads it back), "20 October 2016". */
function longDate(day: string, locale: Locale): string {
	return new Intl.DateTimeFormat(intlLocale(locale), {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${day}T00:00:00Z`));
}

/** "14h30" as French minutes write it, "14:30" in English. */
function time(value: string, locale: Locale): string {
	return locale === 'fr' ? value.replace(':', 'h') : value;
}

export async function writeMinutesDocx(minutes: MinutesForDocx, locale: Locale): Promise<Uint8Array> {
	const t = { locale };
	const when = [
		minutes.heldOn && longDate(minutes.heldOn, locale),
		minutes.startTime && time(minutes.startTime, locale),
		minutes.place
	].filter(Boolean);
	const lists = new ListCounter();
	const heading = (n: number, text: string) =>
		new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${n}. ${text}`)] });
	const bullets = (items: string[]) =>
		items.map((text) => new Paragraph({ numbering: { reference: BULLETS, level: 0 }, text }));
	const children: (Paragraph | Table)[] = [
		new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(minutes.title)] }),
		...(when.length
			? [
					new Paragraph({
						alignment: AlignmentType.CENTER,
						children: [new TextRun({ text: `(${when.join(', ')})`, italics: true })]
					})
				]
			: []),
		heading(1, m.minutes_objectives({}, t)),
		...htmlParagraphs(minutes.objectives, lists),
		heading(2, m.minutes_agenda({}, t)),
		agendaTable(minutes, lists, locale)
	];
	if (minutes.minutesVisible)
		children.push(
			heading(3, m.minutes_lessons({}, t)),
			...bullets(minutes.lessons),
			heading(4, m.minutes_consensus({}, t)),
			...bullets(minutes.consensus),
			heading(5, m.minutes_actions_title({}, t)),
			table(
				[m.minutes_action({}, t), m.minutes_responsible({}, t), m.minutes_due({}, t)],
				[55, 25, 20],
				minutes.actions.map((a) =>
					[a.description, a.responsible, a.dueOn ? longDate(a.dueOn, locale) : ''].map(plainCell)
				)
			),
			heading(6, m.minutes_perspectives({}, t)),
			...bullets(minutes.perspectives),
			heading(7, m.minutes_participants({}, t)),
			table(
				[
					m.minutes_organisation({}, t),
					m.minutes_name({}, t),
					m.minutes_function({}, t),
					m.minutes_email({}, t)
				],
				[20, 22, 33, 25],
				minutes.participants.map((p) => [p.organisation, p.name, p.function, p.email ?? ''].map(plainCell))
			)
		);
	const document = new Document({
		title: minutes.title,
		creator: 'Concerto',
		styles: {
			default: {
				document: { run: { font: 'Calibri', size: 21 } },
				title: {
					run: { size: 32, bold: true, color: '1F3864' },
					paragraph: { alignment: AlignmentType.CENTER }
				},
				heading1: {
					run: { size: 26, bold: true, color: '1F3864' },
					paragraph: { spacing: { before: 240, after: 120 } }
				}
			}
		},
		numbering: {
			config: [
				{ reference: BULLETS, levels: [listLevel(LevelFormat.BULLET, '•')] },
				{ reference: NUMBERS, levels: [listLevel(LevelFormat.DECIMAL, '%1.')] }
			]
		},
		sections: [
			{
				properties: {
					page: {
						size: { width: 11906, height: 16838 },
						margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 }
					}
				},
				children
			}
		]
	});
	return new Uint8Array(await Packer.toBuffer(document));
}

const BULLETS = 'minutes-bullets';
const NUMBERS = 'minutes-numbers';

function listLevel(format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) {
	return {
		level: 0,
		format,
		text,
		alignment: AlignmentType.LEFT,
		style: { paragraph: { indent: { left: 360, hanging: 260 } } }
	};
}

/** A new instance for each numbered list, so that each counts from 1. */
class ListCounter {
	next = 1;
}

function agendaTable(minutes: MinutesForDocx, lists: ListCounter, locale: Locale) {
	const t = { locale };
	const rows: TableCell[][] = [];
	let section: string | null = null;
	for (const item of minutes.agenda) {
		if (item.section !== section && item.section)
			rows.push([
				new TableCell({ columnSpan: 3, shading: SECTION_SHADING, children: [new Paragraph(item.section)] })
			]);
		section = item.section;
		rows.push([
			plainCell(item.subject),
			htmlCell(minutes.minutesVisible ? item.context : '', lists),
			htmlCell(minutes.minutesVisible ? item.status : '', lists)
		]);
	}
	return table(
		[m.minutes_subject({}, t), m.minutes_context({}, t), m.minutes_status({}, t)],
		[25, 55, 20],
		rows
	);
}

const HEADER_SHADING = { type: ShadingType.CLEAR, fill: 'D9E2F3', color: 'auto' };
const SECTION_SHADING = { type: ShadingType.CLEAR, fill: 'EDEDED', color: 'auto' };

function table(header: string[], widths: number[], rows: TableCell[][]) {
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		columnWidths: widths.map((w) => Math.round((9638 * w) / 100)),
		rows: [
			new TableRow({
				tableHeader: true,
				children: header.map(
					(text, i) =>
						new TableCell({
							shading: HEADER_SHADING,
							width: { size: widths[i]!, type: WidthType.PERCENTAGE },
							// Coloured, not bold: the import would read bold as formatting, not as the table's header.
							children: [new Paragraph({ children: [new TextRun({ text, color: '1F3864' })] })]
						})
				)
			}),
			...rows.map((cells) => new TableRow({ cantSplit: false, children: cells }))
		]
	});
}

function plainCell(text: string) {
	return new TableCell({ children: [new Paragraph(text)] });
}

function htmlCell(html: string, lists: ListCounter) {
	const paragraphs = htmlParagraphs(html, lists);
	return new TableCell({ children: paragraphs.length ? paragraphs : [new Paragraph('')] });
}

interface Inline {
	bold: number;
	italic: number;
	underline: number;
	link: string | null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (text: string) =>
	text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] === '#')
			return String.fromCodePoint(
				name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
			);
		return ENTITIES[name.toLowerCase()] ?? whole;
	});

/**
 * Sanitised rich text (rich-text/sanitize.ts: p, h2–h4, ul/ol/li, blockquote, b/strong, i/em, u, a,
 * br, simple tables) as Word paragraphs: bold and italic runs, links, Word lists.
 */
export function htmlParagraphs(html: string, lists: ListCounter = new ListCounter()): Paragraph[] {
	const out: Paragraph[] = [];
	const listStack: { ordered: boolean; instance: number }[] = [];
	const inline: Inline = { bold: 0, italic: 0, underline: 0, link: null };
	let runs: ParagraphChild[] = [];
	let inItem = false;
	let cells = 0;
	const flush = () => {
		if (runs.length) {
			const list = inItem ? listStack.at(-1) : undefined;
			out.push(
				new Paragraph({
					children: runs,
					...(list
						? {
								numbering: { reference: list.ordered ? NUMBERS : BULLETS, level: 0, instance: list.instance }
							}
						: {})
				})
			);
		}
		runs = [];
	};
	for (const [, closing, tag, attributes, text] of html.matchAll(/<(\/?)([a-z0-9]+)([^>]*)>|([^<]+)/gi)) {
		if (text !== undefined) {
			const words = decode(text.replace(/\s+/g, ' '));
			if (!runs.length && !words.trim()) continue;
			const run = new TextRun({
				text: runs.length ? words : words.trimStart(),
				bold: inline.bold > 0,
				italics: inline.italic > 0,
				underline: inline.underline > 0 ? {} : undefined,
				style: inline.link ? 'Hyperlink' : undefined
			});
			runs.push(inline.link ? new ExternalHyperlink({ link: inline.link, children: [run] }) : run);
			continue;
		}
		const name = tag!.toLowerCase();
		const delta = closing ? -1 : 1;
		if (name === 'b' || name === 'strong') inline.bold += delta;
		else if (name === 'i' || name === 'em') inline.italic += delta;
		else if (name === 'u') inline.underline += delta;
		else if (name === 'a') {
			const href = /href="([^"]*)"/.exec(attributes ?? '')?.[1];
			inline.link = closing || !href ? null : decode(href);
		} else if (name === 'br') runs.push(new TextRun({ break: 1 }));
		else if (name === 'ul' || name === 'ol') {
			flush();
			if (closing) listStack.pop();
			else listStack.push({ ordered: name === 'ol', instance: name === 'ol' ? lists.next++ : 0 });
		} else if (name === 'li') {
			flush();
			inItem = !closing;
		} else if (name === 'td' || name === 'th') {
			if (!closing && cells++ > 0) runs.push(new TextRun(' | '));
		} else if (name === 'tr') {
			flush();
			cells = 0;
		} else flush();
	}
	flush();
	return out;
}
