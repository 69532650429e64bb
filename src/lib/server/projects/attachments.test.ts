import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { auditCount } from '../../../../tests/actors';
import { addProject, seedProjectWorld, setPlanStatus, type ProjectWorld } from '../../../../tests/projects';
import { auditEvent, projectAttachment, projectReview } from '../db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { m } from '$lib/paraglide/messages';

const fr = { locale: 'fr' as const };
import type { Upload } from '../uploads/read-upload';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '$lib/project-attachments';
import {
	addAttachment,
	AttachmentRefusedError,
	deleteAttachment,
	getAttachment,
	listAttachments,
	readAttachmentUpload
} from './attachments';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xff, 0xff]);
const file = (filename: string, bytes: Uint8Array) => () => Promise.resolve<Upload>({ filename, bytes });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
	return promise.then(
		() => null,
		(e: unknown) => e
	);
}

async function refusal(promise: Promise<unknown>): Promise<AttachmentRefusedError> {
	const error = await rejection(promise);
	expect(error).toBeInstanceOf(AttachmentRefusedError);
	expect(error).toBeInstanceOf(ValidationError);
	return error as AttachmentRefusedError;
}

/** A chunked body of `chunks` × `size` bytes that counts how much of it was pulled. */
function countingStream(chunks: number, size: number) {
	const counter = { pulled: 0 };
	const stream = new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				if (counter.pulled >= chunks * size) return controller.close();
				counter.pulled += size;
				controller.enqueue(new Uint8Array(size).fill(65));
			}
		},
		{ highWaterMark: 0 }
	);
	return { stream, counter };
}

describe(`project attachments [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: ProjectWorld;
	const stored = async (projectId: string) =>
		(
			await t.db
				.select({ n: count() })
				.from(projectAttachment)
				.where(eq(projectAttachment.projectId, projectId))
		)[0]!.n;

	beforeAll(async () => {
		world = await seedProjectWorld(t.db);
	});

	it('adds a file its partner sends, and gives it back byte for byte with the type found', async () => {
		const draft = await addProject(t.db, world);
		const ctx = await world.as('focalPointA');
		const audits = await auditCount(t.db);
		const added = await addAttachment(ctx, draft.id, file('Budget détaillé.pdf', PDF));
		expect(added).toMatchObject({
			fileName: 'Budget détaillé.pdf',
			mime: 'application/pdf',
			size: PDF.byteLength,
			sha256: createHash('sha256').update(PDF).digest('hex')
		});
		expect(added.uploadedBy).toMatch(/^focal-a /);
		expect(await auditCount(t.db)).toBe(audits + 1);
		const [event] = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.action, 'project.attachment.add'), eq(auditEvent.entityId, draft.id)));
		expect(event!.after).toMatchObject({ attachmentId: added.id, fileName: 'Budget détaillé.pdf' });
		expect(JSON.stringify(event!.after)).not.toContain(Buffer.from(PDF).toString('base64'));

		const back = await getAttachment(ctx, added.id, draft.id);
		expect(back.mime).toBe('application/pdf');
		expect(back.fileName).toBe('Budget détaillé.pdf');
		expect(Buffer.from(back.bytes).equals(Buffer.from(PDF))).toBe(true);

		const list = await listAttachments(ctx, draft.id);
		expect(list.editable).toBe(true);
		expect(list.items.map((a) => [a.fileName, a.size])).toEqual([['Budget détaillé.pdf', PDF.byteLength]]);
	});

	it('refuses a file over 10 MB, naming the limit, and stores nothing', async () => {
		const draft = await addProject(t.db, world);
		const ctx = await world.as('focalPointA', 'en');
		const audits = await auditCount(t.db);
		const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
		big.set(PDF);
		const error = await refusal(addAttachment(ctx, draft.id, file('big.pdf', big)));
		// The reading refuses it first (below); past that, the domain's own check would.
		expect(error.reason).toBe('too-large');
		expect(error.errors).toEqual([
			{
				path: 'file',
				message:
					'The file is larger than 10 MB, the largest attachment allowed: make it smaller (compressed PDF, smaller images) or split it into several files.'
			}
		]);
		expect(await stored(draft.id)).toBe(0);
		expect(await auditCount(t.db)).toBe(audits);

		const fr = await world.as('focalPointA');
		const form = new FormData();
		form.set('file', new File([big], 'gros.pdf'));
		const request = new Request('http://concerto.test/projects/x/attachments', {
			method: 'POST',
			body: form
		});
		const fromForm = await refusal(addAttachment(fr, draft.id, () => readAttachmentUpload(request, 'fr')));
		expect(fromForm.errors[0]!.message).toMatch(/^Le fichier dépasse 10 Mo/);
		expect(await stored(draft.id)).toBe(0);
	});

	it('reads no more than the limit, whatever the body announces', async () => {
		const announced = new Request('http://concerto.test/api', {
			method: 'POST',
			body: new Uint8Array(10),
			headers: { 'content-length': String(MAX_ATTACHMENT_BYTES + 1) }
		});
		expect((await refusal(readAttachmentUpload(announced, 'fr'))).reason).toBe('too-large');

		const { stream, counter } = countingStream(1000, 64 * 1024);
		const chunked = new Request('http://concerto.test/api', {
			method: 'POST',
			body: stream,
			duplex: 'half',
			headers: { 'content-type': 'application/pdf' }
		} as RequestInit);
		expect((await refusal(readAttachmentUpload(chunked, 'fr'))).reason).toBe('too-large');
		expect(counter.pulled).toBeLessThanOrEqual(MAX_ATTACHMENT_BYTES + 64 * 1024);

		const exact = new Request('http://concerto.test/api?filename=a%2Fb%5Cc.pdf', {
			method: 'POST',
			body: new Uint8Array(MAX_ATTACHMENT_BYTES)
		});
		const upload = await readAttachmentUpload(exact, 'fr');
		expect(upload.bytes.byteLength).toBe(MAX_ATTACHMENT_BYTES);
		expect(upload.filename).toBe('c.pdf');

		const empty = new FormData();
		empty.set('file', new File([], ''));
		const none = new Request('http://concerto.test/x', { method: 'POST', body: empty });
		expect((await refusal(readAttachmentUpload(none, 'fr'))).reason).toBe('missing');
		const zero = new FormData();
		zero.set('file', new File([], 'vide.pdf'));
		const emptyFile = new Request('http://concerto.test/x', { method: 'POST', body: zero });
		expect((await refusal(readAttachmentUpload(emptyFile, 'en'))).errors[0]!.message).toBe(
			'The file is empty (0 bytes): choose another file.'
		);
	});

	it('refuses a program renamed .pdf with the list of accepted types', async () => {
		const draft = await addProject(t.db, world);
		const ctx = await world.as('focalPointA');
		const audits = await auditCount(t.db);
		const error = await refusal(addAttachment(ctx, draft.id, file('rapport.pdf', EXE)));
		expect(error.reason).toBe('type');
		expect(error.errors[0]!.message).toBe(
			'Ce type de fichier n’est pas accepté. Pièces jointes acceptées : PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT, ODS), images PNG et JPEG, texte ou CSV en UTF-8 (sans macros ni pages web).'
		);
		const html = new TextEncoder().encode('<!doctype html><script>fetch("/api/v1/me")</script>');
		expect((await refusal(addAttachment(ctx, draft.id, file('lettre.txt', html)))).reason).toBe('type');
		expect(await stored(draft.id)).toBe(0);
		expect(await auditCount(t.db)).toBe(audits);
	});

	it('stores path-like names cleaned, never as paths', async () => {
		const draft = await addProject(t.db, world);
		const ctx = await world.as('focalPointA');
		const text = new TextEncoder().encode('root:x:0:0\n');
		const passwd = await addAttachment(ctx, draft.id, file('../../etc/passwd', text));
		const slashes = await addAttachment(ctx, draft.id, file('a/b\\c.pdf', PDF));
		expect(passwd.fileName).toBe('passwd.txt');
		expect(passwd.mime).toBe('text/plain');
		expect(slashes.fileName).toBe('c.pdf');
		const names = await t.db
			.select({ name: projectAttachment.fileName })
			.from(projectAttachment)
			.where(eq(projectAttachment.projectId, draft.id));
		expect(names.map((n) => n.name).sort()).toEqual(['c.pdf', 'passwd.txt']);
	});

	it('hides a draft’s files from another organisation, and lets it read but not add to a published one', async () => {
		const draft = await addProject(t.db, world);
		const a = await world.as('focalPointA');
		const b = await world.as('focalPointB');
		const added = await addAttachment(a, draft.id, file('note.pdf', PDF));
		const audits = await auditCount(t.db);
		expect(await rejection(listAttachments(b, draft.id))).toBeInstanceOf(NotFoundError);
		expect(await rejection(getAttachment(b, added.id))).toBeInstanceOf(NotFoundError);
		let read = false;
		const reading = () => {
			read = true;
			return Promise.resolve({ filename: 'x.pdf', bytes: PDF });
		};
		expect(await rejection(addAttachment(b, draft.id, reading))).toBeInstanceOf(NotFoundError);
		expect(await rejection(deleteAttachment(b, added.id))).toBeInstanceOf(NotFoundError);
		expect(read).toBe(false);
		expect(await rejection(getAttachment(await world.as('visitor'), added.id))).toBeInstanceOf(NotFoundError);

		const published = await addProject(t.db, world, { status: 'published' });
		await t.db.insert(projectAttachment).values({
			projectId: published.id,
			fileName: 'public.pdf',
			mime: 'application/pdf',
			size: PDF.byteLength,
			sha256: 'x',
			data: Buffer.from(PDF).toString('base64')
		});
		const list = await listAttachments(b, published.id);
		expect(list.editable).toBe(false);
		expect(list.items.map((i) => i.fileName)).toEqual(['public.pdf']);
		expect((await getAttachment(b, list.items[0]!.id)).fileName).toBe('public.pdf');
		expect(await rejection(addAttachment(b, published.id, reading))).toBeInstanceOf(ForbiddenError);
		// Its own organisation is told why: a published project no longer changes.
		const locked = await rejection(addAttachment(a, published.id, reading));
		expect(locked).toBeInstanceOf(ConflictError);
		expect((locked as ConflictError).errors[0]!.message).toBe(m.projects_error_not_editable({}, fr));
		expect(await rejection(deleteAttachment(a, list.items[0]!.id))).toBeInstanceOf(ConflictError);
		expect(read).toBe(false);
		expect(await stored(draft.id)).toBe(1);
		expect(await stored(published.id)).toBe(1);
		expect(await auditCount(t.db)).toBe(audits);
		// A file of one project is not found under another's address.
		expect(await rejection(getAttachment(a, added.id, published.id))).toBeInstanceOf(NotFoundError);
		expect(await rejection(getAttachment(a, 'not-an-id'))).toBeInstanceOf(NotFoundError);
	});

	it('lets the cluster’s coordinator add, a submitted project’s partner only read, and its reviewer read', async () => {
		const draft = await addProject(t.db, world, { organisationId: world.orgB });
		const coordinator = await world.as('coordinator');
		const added = await addAttachment(coordinator, draft.id, file('avis.pdf', PDF));
		expect((await listAttachments(await world.as('focalPointB'), draft.id)).items).toHaveLength(1);

		const submitted = await addProject(t.db, world, { status: 'submitted' });
		const a = await world.as('focalPointA');
		expect(await rejection(addAttachment(a, submitted.id, file('x.pdf', PDF)))).toBeInstanceOf(ConflictError);
		await t.db.insert(projectAttachment).values({
			projectId: submitted.id,
			fileName: 'lettre.pdf',
			mime: 'application/pdf',
			size: PDF.byteLength,
			sha256: 'x',
			data: Buffer.from(PDF).toString('base64')
		});
		const observer = await world.as('observer');
		expect(await rejection(listAttachments(observer, submitted.id))).toBeInstanceOf(NotFoundError);
		await t.db
			.insert(projectReview)
			.values({ projectId: submitted.id, reviewerUserId: world.users.observer });
		const list = await listAttachments(observer, submitted.id);
		expect(list).toMatchObject({ editable: false, items: [{ fileName: 'lettre.pdf' }] });
		expect((await getAttachment(a, list.items[0]!.id)).mime).toBe('application/pdf');
		expect(await rejection(getAttachment(observer, added.id))).toBeInstanceOf(NotFoundError);
	});

	it(`keeps at most ${MAX_ATTACHMENTS} files a project, without reading the next one`, async () => {
		const draft = await addProject(t.db, world);
		await t.db.insert(projectAttachment).values(
			Array.from({ length: MAX_ATTACHMENTS - 1 }, (_, i) => ({
				projectId: draft.id,
				fileName: `f${i}.pdf`,
				mime: 'application/pdf',
				size: 1,
				sha256: 'x',
				data: 'JQ=='
			}))
		);
		const ctx = await world.as('focalPointA', 'en');
		await addAttachment(ctx, draft.id, file('last.pdf', PDF));
		let read = false;
		const error = await refusal(
			addAttachment(ctx, draft.id, () => {
				read = true;
				return Promise.resolve({ filename: 'one-more.pdf', bytes: PDF });
			})
		);
		expect(error.reason).toBe('count');
		expect(error.errors[0]!.message).toBe(
			'This project already has 20 attachments, the most allowed: delete one before adding another.'
		);
		expect(read).toBe(false);
		expect(await stored(draft.id)).toBe(MAX_ATTACHMENTS);
	});

	it('deletes a file with an audit event, for those who edit the sheet only', async () => {
		const draft = await addProject(t.db, world, { status: 'revision-requested' });
		const a = await world.as('focalPointA');
		const added = await addAttachment(a, draft.id, file('ancien budget.pdf', PDF));
		const audits = await auditCount(t.db);
		await deleteAttachment(a, added.id, draft.id);
		expect(await stored(draft.id)).toBe(0);
		expect(await auditCount(t.db)).toBe(audits + 1);
		const [event] = await t.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.action, 'project.attachment.delete'), eq(auditEvent.entityId, draft.id)));
		expect(event!.before).toMatchObject({ attachmentId: added.id, fileName: 'ancien budget.pdf' });
		expect(await rejection(deleteAttachment(a, added.id))).toBeInstanceOf(NotFoundError);
		expect(await auditCount(t.db)).toBe(audits + 1);
	});

	it('freezes the files of a closed plan’s projects: none added or deleted, no form offered', async () => {
		const draft = await addProject(t.db, world);
		const a = await world.as('focalPointA');
		const kept = await addAttachment(a, draft.id, file('budget.pdf', PDF));
		await setPlanStatus(t.db, world.plan.id, 'closed');
		try {
			const audits = await auditCount(t.db);
			expect(await rejection(addAttachment(a, draft.id, file('autre.pdf', PDF)))).toBeInstanceOf(
				ConflictError
			);
			expect(await rejection(deleteAttachment(a, kept.id, draft.id))).toBeInstanceOf(ConflictError);
			expect(await stored(draft.id)).toBe(1);
			expect(await auditCount(t.db)).toBe(audits);
			expect((await listAttachments(a, draft.id)).editable).toBe(false);
		} finally {
			await setPlanStatus(t.db, world.plan.id, world.plan.status);
		}
	});
});
