import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { seedWorld, type World } from '../../../../../tests/actors';
import { actionItem, cluster, meeting } from '../../db/schema';
import { richTextToPlain } from '../../rich-text/sanitize';
import { NotFoundError } from '../../errors';
import { createMeeting } from '../meetings';
import { docxToText } from './docx-text';
import { readMinutesText } from './read-text';
import { docxFilename, htmlParagraphs, minutesDocx, writeMinutesDocx, DOCX_TYPE } from './write-docx';
import type { MinutesDraft } from './draft';

const reference = readFileSync(
	new URL('../../../../../../shared/reference/compte-rendu-crp-2016-10-20.txt', import.meta.url),
	'utf8'
);

/** A context's words: the import reads a list in a cell back as "- " paragraphs, not as <ul>. */
const words = (html: string) => richTextToPlain(html).replace(/\s+/g, ' ');

function sameMinutes(read: MinutesDraft, original: MinutesDraft) {
	expect([read.title, read.date, read.startTime, read.place]).toEqual([
		original.title,
		original.date,
		original.startTime,
		original.place
	]);
	expect(words(read.objectives)).toBe(words(original.objectives));
	expect(read.agenda.map((a) => [a.section, a.subject, a.status])).toEqual(
		original.agenda.map((a) => [a.section, a.subject, a.status])
	);
	expect(read.agenda.map((a) => words(a.context))).toEqual(original.agenda.map((a) => words(a.context)));
	expect([read.lessons, read.consensus, read.perspectives]).toEqual([
		original.lessons,
		original.consensus,
		original.perspectives
	]);
	expect(read.actions.map((a) => [a.description, a.responsible, a.dueDate])).toEqual(
		original.actions.map((a) => [a.description, a.responsible, a.dueDate])
	);
	expect(read.participants).toEqual(original.participants);
}

describe(`minutes written as DOCX [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: World;
	let code = '';
	const original = readMinutesText(reference, 'fr');
	const publish = (id: string) => t.db.update(meeting).set({ state: 'published' }).where(eq(meeting.id, id));

	beforeAll(async () => {
		world = await seedWorld(t.db);
		code = (await t.db.select().from(cluster).where(eq(cluster.id, world.clusterEr)))[0]!.code;
	});

	it('writes the reference report so that the import reads back the same minutes', async () => {
		const saved = await createMeeting(await world.as('coordinator'), code, original);
		await publish(saved.id);
		const download = await minutesDocx(await world.as('focalPointA'), saved.id);
		expect(download.contentType).toBe(DOCX_TYPE);
		expect(download.filename).toBe(
			'compte-rendu-2016-10-20-compte-rendu-de-la-reunion-des-partenaires-du-cluster-releve.docx'
		);
		const text = docxToText(download.body as Uint8Array);
		expect(text).toContain('(20 octobre 2016, 14h30, PNUD)');
		expect(text).toContain('Divers\t\t');
		sameMinutes(readMinutesText(text, 'fr'), original);
		expect(readMinutesText(text, 'fr').problems).toEqual([]);
	});

	it('names the responsible organisation and person, and writes in the user’s language', async () => {
		const saved = await createMeeting(await world.as('coordinator'), code, {
			...original,
			actions: [{ description: 'Partager la liste', responsible: 'Coordinateur CRP', dueDate: '2016-11-15' }]
		});
		await t.db
			.update(actionItem)
			.set({ responsibleOrganisationId: world.orgA })
			.where(eq(actionItem.meetingId, saved.id));
		await publish(saved.id);
		const english = await minutesDocx(await world.as('observer', 'en'), saved.id);
		expect(english.filename).toMatch(/^minutes-2016-10-20-/);
		const text = docxToText(english.body as Uint8Array);
		expect(text).toContain('(20 October 2016, 14:30, PNUD)');
		expect(text).toContain('5. Priority actions');
		expect(text).toContain('Partager la liste\tOA, Coordinateur CRP\t15 November 2016');
		await expect(minutesDocx(await world.as('visitor'), saved.id)).rejects.toThrow();
		await expect(minutesDocx(await world.as('observer'), 'nope')).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('formatted text in the DOCX', () => {
	it('turns paragraphs, bold, italic, links and lists into Word paragraphs, runs and lists', async () => {
		const paragraphs = htmlParagraphs(
			'<p>Le <b>ICCT</b> et <i>what if</i> &amp; <a href="https://example.org/?a=1&amp;b=2">site</a></p><ul><li>Un</li><li>Deux</li></ul><ol><li>Premier</li></ol>'
		);
		expect(paragraphs).toHaveLength(4);
		const bytes = await writeMinutesDocx(
			{
				title: 'Réunion',
				heldOn: null,
				startTime: null,
				place: null,
				objectives:
					'<p>Le <b>ICCT</b> et <i>what if</i> &amp; <a href="https://example.org/?a=1&amp;b=2">site</a></p><ul><li>Un</li><li>Deux</li></ul>',
				agenda: [],
				minutesVisible: false,
				lessons: ['Leçon secrète'],
				consensus: [],
				perspectives: [],
				actions: [],
				participants: []
			},
			'fr'
		);
		const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
		expect(xml).toMatch(/<w:b\/>.*ICCT/);
		expect(xml).toMatch(/<w:i\/>.*what if/);
		expect(strFromU8(unzipSync(bytes)['word/_rels/document.xml.rels']!)).toContain(
			'https://example.org/?a=1&amp;b=2'
		);
		const text = docxToText(bytes);
		expect(text).toContain('Le ICCT et what if & site');
		expect(text).toContain('- Un\n- Deux');
		// Before the minutes may be read: the invitation only.
		expect(text).not.toContain('Leçon secrète');
		expect(text).not.toContain('3. ');
		expect(docxFilename({ title: '../"Réunion" \\ CRP', heldOn: null }, 'fr')).toBe(
			'compte-rendu-reunion-crp.docx'
		);
	});
});
