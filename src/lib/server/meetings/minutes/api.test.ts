import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { zipSync, strToU8 } from 'fflate';
import { databaseKind, useTestDatabase } from '../../../../../tests/db';
import { addOrganisation, auditCount, seedWorld, type World } from '../../../../../tests/actors';
import { useApiClient } from '../../../../../tests/api-client';
import { cluster, person } from '../../db/schema';
import { m } from '$lib/paraglide/messages';

const reference = readFileSync(
	new URL('../../../../../../shared/reference/compte-rendu-crp-2016-10-20.txt', import.meta.url)
);

/** A DOCX holding the reference report's lines: paragraphs, and tables for its tab-separated rows. */
function referenceDocx(): Uint8Array {
	const escape = (t: string) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
	const paragraph = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${escape(t)}</w:t></w:r></w:p>`;
	const body = reference
		.toString('utf8')
		.split('\n')
		.filter((l) => l.trim())
		.map((l) =>
			l.includes('\t')
				? `<w:tbl><w:tr>${l
						.split('\t')
						.map((c) => `<w:tc>${paragraph(c)}</w:tc>`)
						.join('')}</w:tr></w:tbl>`
				: paragraph(l)
		)
		.join('');
	const document = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
	return zipSync({
		'[Content_Types].xml': strToU8(
			'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
		),
		'word/document.xml': strToU8(document)
	});
}

describe(`API POST /meetings/import [${databaseKind}]`, () => {
	const t = useTestDatabase();
	const { call, tokensFor } = useApiClient(t);
	let world: World;
	let code = '';

	beforeAll(async () => {
		world = await seedWorld(t.db);
		await tokensFor(world.users);
		code = (await t.db.select().from(cluster).where(eq(cluster.id, world.clusterEr)))[0]!.code;
		const undp = await addOrganisation(t.db, {
			name: 'Programme des Nations Unies pour le développement',
			acronym: 'PNUD',
			type: 'un-agency'
		});
		await t.db
			.insert(person)
			.values({ name: 'Sigfrido Romeo', email: 'Sigfrido.Romeo@undp.org', organisationId: undp });
	});

	/** The import of a file's bytes (plain text unless `type` says), for the ER cluster unless said. */
	const post = (
		body: Uint8Array | Buffer,
		options: { as?: string; cluster?: string; type?: string; language?: string } = {}
	) =>
		call('POST', `/meetings/import?cluster=${options.cluster ?? code}`, {
			as: options.as,
			language: options.language,
			raw: new Uint8Array(body),
			contentType: options.type ?? 'text/plain; charset=utf-8'
		});

	it('answers the reference report as a draft meeting, participants matched to the directory, saving nothing', async () => {
		const before = await auditCount(t.db);
		const response = await post(reference, { as: 'coordinator' });
		expect(response.status).toBe(200);
		const draft = await response.json();
		expect([draft.date, draft.startTime, draft.place]).toEqual(['2016-10-20', '14:30', 'PNUD']);
		expect(draft.agenda).toHaveLength(9);
		expect(draft.actions.map((a: { dueDate: string }) => a.dueDate)).toEqual([
			'2016-10-21',
			'2016-10-25',
			'2016-10-31',
			'2016-11-15'
		]);
		const romeo = draft.participants.find((p: { name: string }) => p.name === 'Sigfrido Romeo');
		expect(romeo.personId).not.toBeNull();
		expect(romeo.organisationId).not.toBeNull();
		expect(draft.participants.find((p: { name: string }) => p.name === 'Mamadou Keita').personId).toBeNull();
		expect(await auditCount(t.db)).toBe(before);
	});

	it('reads the same report from a DOCX file', async () => {
		const response = await post(referenceDocx(), {
			as: 'coordinator',
			type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		});
		expect(response.status).toBe(200);
		const fromDocx = await response.json();
		const fromText = await (await post(reference, { as: 'coordinator' })).json();
		expect(fromDocx.actions).toEqual(fromText.actions);
		expect(fromDocx.participants).toEqual(fromText.participants);
		expect(fromDocx.agenda.map((a: { subject: string }) => a.subject)).toEqual(
			fromText.agenda.map((a: { subject: string }) => a.subject)
		);
	});

	it('refuses what is not minutes, naming the line, and those who do not coordinate the cluster', async () => {
		const unreadable = await post(Buffer.from('Liste de courses\nriz\nhuile'), {
			as: 'coordinator',
			language: 'en'
		});
		expect(unreadable.status).toBe(400);
		expect((await unreadable.json()).errors[0].message).toBe(
			m.minutes_error_unreadable({ line: 2 }, { locale: 'en' })
		);
		const notDocx = await post(Buffer.from('PK\u0003\u0004 broken'), { as: 'coordinator' });
		expect(notDocx.status).toBe(400);
		expect((await notDocx.json()).errors[0].message).toBe(m.minutes_error_not_docx({}, { locale: 'fr' }));
		const oldWord = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
		const legacy = await post(oldWord, { as: 'coordinator' });
		expect((await legacy.json()).errors[0].message).toBe(m.minutes_error_legacy_doc({}, { locale: 'fr' }));
		expect((await post(reference, { as: 'focalPointA' })).status).toBe(403);
		expect((await post(reference, { as: 'observer' })).status).toBe(403);
		expect((await post(reference, {})).status).toBe(401);
		expect((await post(reference, { as: 'coordinator', cluster: 'NOPE' })).status).toBe(404);
	});
});
