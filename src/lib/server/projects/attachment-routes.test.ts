/**
 * The attachment routes as the browser meets them, their handlers called with the request event
 * SvelteKit would build: the upload form, the download, the delete button, and the API operations.
 */
import { m } from '$lib/paraglide/messages';
import { beforeAll, describe, expect, it } from 'vitest';
import { isHttpError, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { count, eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { auditCount, type Who } from '../../../../tests/actors';
import { addProject, seedProjectWorld, type ProjectWorld } from '../../../../tests/projects';
import { projectAttachment } from '../db/schema';
import { isCrossSiteForm } from '../cross-site';
import type { Locale } from '../i18n';
import { attachmentOperations } from '../api/operations/attachments';
import type { ApiRequest } from '../api/endpoint';
import { isDownload } from '../downloads';
import { NotFoundError } from '../errors';
import { MAX_ATTACHMENT_BYTES } from '$lib/project-attachments';
import * as upload from '../../../routes/projects/[id]/attachments/+server';
import * as one from '../../../routes/projects/[id]/attachments/[attachmentId]/+server';

const ORIGIN = 'http://concerto.test';
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj << >> endobj\n%%EOF\n');
const PNG = new Uint8Array([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52
]);

type Outcome =
	| { kind: 'response'; response: Response }
	| { kind: 'redirect'; status: number; location: string }
	| { kind: 'error'; status: number; message: string };

/** What a handler ends with: a response, a redirect or an error page (SvelteKit throws the last two). */
async function outcome(run: () => Response | Promise<Response>): Promise<Outcome> {
	try {
		return { kind: 'response', response: await run() };
	} catch (e) {
		if (isRedirect(e)) return { kind: 'redirect', status: e.status, location: e.location };
		if (isHttpError(e)) return { kind: 'error', status: e.status, message: e.body.message };
		throw e;
	}
}

const form = (fields: Record<string, string | File>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.set(key, value);
	return data;
};

describe(`attachment routes [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let world: ProjectWorld;

	beforeAll(async () => {
		world = await seedProjectWorld(t.db);
	});

	async function event(
		who: Who,
		method: string,
		path: string,
		params: Record<string, string>,
		body?: BodyInit,
		locale: Locale = 'fr'
	): Promise<RequestEvent> {
		const ctx = await world.as(who, locale);
		const request = new Request(ORIGIN + path, { method, body });
		return {
			request,
			url: new URL(request.url),
			params,
			locals: { ctx, locale, actor: ctx.actor }
		} as unknown as RequestEvent;
	}

	const files = async (projectId: string) =>
		(
			await t.db
				.select({ n: count() })
				.from(projectAttachment)
				.where(eq(projectAttachment.projectId, projectId))
		)[0]!.n;

	async function post(who: Who, projectId: string, file: File, query = '') {
		const e = await event(
			who,
			'POST',
			`/projects/${projectId}/attachments${query}`,
			{ id: projectId },
			form({ file })
		);
		return outcome(() => upload.POST(e as never));
	}

	it('adds a file from the upload form and goes back to the page the form was on', async () => {
		const p = await addProject(t.db, world);
		const audits = await auditCount(t.db);
		const done = await post(
			'focalPointA',
			p.id,
			new File([PDF], 'Plan de travail.pdf', { type: 'text/html' }),
			`?back=${encodeURIComponent(`/projects/${p.id}/edit/annexes`)}`
		);
		expect(done).toEqual({
			kind: 'redirect',
			status: 303,
			location: `/projects/${p.id}/edit/annexes?attachment=added#attachments`
		});
		expect(await files(p.id)).toBe(1);
		expect(await auditCount(t.db)).toBe(audits + 1);
		const [row] = await t.db.select().from(projectAttachment).where(eq(projectAttachment.projectId, p.id));
		// The type the browser claimed (text/html) is not what is stored.
		expect(row).toMatchObject({ fileName: 'Plan de travail.pdf', mime: 'application/pdf' });

		for (const back of [
			'https://evil.example/',
			`//evil.example/projects/${p.id}`,
			`/projects/${p.id}x`,
			'/admin'
		]) {
			const elsewhere = await post(
				'focalPointA',
				p.id,
				new File([PNG], 'carte.png'),
				`?back=${encodeURIComponent(back)}`
			);
			expect(elsewhere).toMatchObject({ location: `/projects/${p.id}?attachment=added#attachments` });
		}
	});

	it('sends a refused file back to the page with the reason, storing nothing', async () => {
		const p = await addProject(t.db, world);
		const audits = await auditCount(t.db);
		const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]);
		expect(await post('focalPointA', p.id, new File([exe], 'rapport.pdf'))).toEqual({
			kind: 'redirect',
			status: 303,
			location: `/projects/${p.id}?attachmentError=type#attachments`
		});
		const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
		big.set(PDF);
		expect(await post('focalPointA', p.id, new File([big], 'gros.pdf'))).toMatchObject({
			location: `/projects/${p.id}?attachmentError=too-large#attachments`
		});
		expect(await files(p.id)).toBe(0);
		expect(await auditCount(t.db)).toBe(audits);
	});

	it('answers 404 to another organisation for a draft, 403 for a published project, 409 with why to its own', async () => {
		const draft = await addProject(t.db, world);
		await post('focalPointA', draft.id, new File([PDF], 'a.pdf'));
		const [row] = await t.db
			.select()
			.from(projectAttachment)
			.where(eq(projectAttachment.projectId, draft.id));
		expect(await post('focalPointB', draft.id, new File([PDF], 'b.pdf'))).toMatchObject({
			kind: 'error',
			status: 404
		});
		const download = await event('focalPointB', 'GET', `/projects/${draft.id}/attachments/${row!.id}`, {
			id: draft.id,
			attachmentId: row!.id
		});
		expect(await outcome(() => one.GET(download as never))).toMatchObject({ kind: 'error', status: 404 });
		const published = await addProject(t.db, world, { status: 'published' });
		expect(await post('focalPointB', published.id, new File([PDF], 'b.pdf'))).toMatchObject({
			kind: 'error',
			status: 403
		});
		// Its own organisation is told why it cannot add a file any more.
		expect(await post('focalPointA', published.id, new File([PDF], 'c.pdf'))).toMatchObject({
			kind: 'error',
			status: 409,
			message: m.projects_error_not_editable({}, { locale: 'fr' })
		});
		expect(await files(draft.id)).toBe(1);
		expect(await files(published.id)).toBe(0);
		// The same file under another project's address is not found either.
		const mixed = await event('focalPointA', 'GET', '/x', { id: published.id, attachmentId: row!.id });
		expect(await outcome(() => one.GET(mixed as never))).toMatchObject({ kind: 'error', status: 404 });
	});

	it('serves the file as a sandboxed attachment of its stored type', async () => {
		const p = await addProject(t.db, world);
		await post('focalPointA', p.id, new File([PDF], '../../Budget révisé "final".pdf'));
		const [row] = await t.db.select().from(projectAttachment).where(eq(projectAttachment.projectId, p.id));
		const e = await event('coordinator', 'GET', `/projects/${p.id}/attachments/${row!.id}`, {
			id: p.id,
			attachmentId: row!.id
		});
		const got = await outcome(() => one.GET(e as never));
		if (got.kind !== 'response') throw new Error(JSON.stringify(got));
		const headers = got.response.headers;
		expect(headers.get('content-type')).toBe('application/pdf');
		expect(headers.get('content-disposition')).toBe(
			`attachment; filename="Budget revise final.pdf"; filename*=UTF-8''${encodeURIComponent('Budget révisé "final".pdf')}`
		);
		expect(headers.get('x-content-type-options')).toBe('nosniff');
		expect(headers.get('content-security-policy')).toBe('sandbox');
		expect(headers.get('cache-control')).toBe('no-store');
		expect(Buffer.from(await got.response.arrayBuffer()).equals(Buffer.from(PDF))).toBe(true);

		await post(
			'focalPointA',
			p.id,
			new File([new TextEncoder().encode('Lieu;Nombre\nGao;12\n')], 'lieux.csv')
		);
		const [csv] = await t.db
			.select()
			.from(projectAttachment)
			.where(eq(projectAttachment.fileName, 'lieux.csv'));
		const text = await event('focalPointA', 'GET', '/x', { id: p.id, attachmentId: csv!.id });
		const served = await outcome(() => one.GET(text as never));
		expect(served.kind === 'response' && served.response.headers.get('content-type')).toBe(
			'text/csv; charset=utf-8'
		);
	});

	it('deletes from the form’s button (_method=delete) or by DELETE, with an audit event each', async () => {
		const p = await addProject(t.db, world);
		await post('focalPointA', p.id, new File([PDF], 'a.pdf'));
		await post('focalPointA', p.id, new File([PNG], 'b.png'));
		const [a, b] = await t.db
			.select()
			.from(projectAttachment)
			.where(eq(projectAttachment.projectId, p.id))
			.orderBy(projectAttachment.fileName);
		const audits = await auditCount(t.db);
		const path = `/projects/${p.id}/attachments/${a!.id}`;
		const params = { id: p.id, attachmentId: a!.id };

		const bare = await event('focalPointA', 'POST', path, params, form({}), 'en');
		expect(await outcome(() => one.POST(bare as never))).toEqual({
			kind: 'error',
			status: 400,
			message: 'To delete an attachment, send the form with _method=delete.'
		});
		const stranger = await event('focalPointB', 'POST', path, params, form({ _method: 'delete' }));
		expect(await outcome(() => one.POST(stranger as never))).toMatchObject({ status: 404 });
		expect(await files(p.id)).toBe(2);
		expect(await auditCount(t.db)).toBe(audits);

		const button = await event('focalPointA', 'POST', path, params, form({ _method: 'delete' }));
		expect(await outcome(() => one.POST(button as never))).toEqual({
			kind: 'redirect',
			status: 303,
			location: `/projects/${p.id}?attachment=deleted#attachments`
		});
		const call = await event('coordinator', 'DELETE', '/x', { id: p.id, attachmentId: b!.id });
		const deleted = await outcome(() => one.DELETE(call as never));
		expect(deleted.kind === 'response' && deleted.response.status).toBe(204);
		expect(await files(p.id)).toBe(0);
		expect(await auditCount(t.db)).toBe(audits + 2);
	});

	it('is refused to forms posted from another site (the hook checks before the route runs)', () => {
		const url = new URL(`${ORIGIN}/projects/x/attachments`);
		const headers = { 'content-type': 'multipart/form-data; boundary=x', origin: 'https://evil.example' };
		expect(isCrossSiteForm(new Request(url, { method: 'POST', headers }), url)).toBe(true);
		const deleteUrl = new URL(`${ORIGIN}/projects/x/attachments/y`);
		const urlencoded = {
			'content-type': 'application/x-www-form-urlencoded',
			origin: 'https://evil.example'
		};
		expect(isCrossSiteForm(new Request(deleteUrl, { method: 'POST', headers: urlencoded }), deleteUrl)).toBe(
			true
		);
	});

	describe('API operations', () => {
		const op = (operationId: string) => attachmentOperations.find((o) => o.operationId === operationId)!;
		async function run(operationId: string, who: Who, id: string, request?: Request) {
			const ctx = await world.as(who);
			const call = {
				ctx,
				locale: ctx.locale,
				id,
				query: {},
				body: undefined,
				request: request ?? new Request(`${ORIGIN}/api/v1/x`),
				publicUrl: ORIGIN
			} as ApiRequest<never>;
			return op(operationId).run(call as never);
		}

		it('uploads a raw body named by Content-Disposition, lists it, downloads it and deletes it', async () => {
			const p = await addProject(t.db, world);
			const request = new Request(`${ORIGIN}/api/v1/projects/${p.id}/attachments`, {
				method: 'POST',
				body: PNG,
				headers: {
					'content-type': 'image/png',
					'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('Carte de Gao.png')}`
				}
			});
			const added = (await run('addProjectAttachment', 'focalPointA', p.id, request)) as { id: string };
			expect(added).toMatchObject({ fileName: 'Carte de Gao.png', mime: 'image/png', size: PNG.byteLength });
			expect(op('addProjectAttachment').location!(added.id)).toBe(`/project-attachments/${added.id}`);

			const list = await run('listProjectAttachments', 'coordinator', p.id);
			expect(list).toMatchObject({ total: 1, editable: true, max: 20, items: [{ id: added.id }] });
			const encoded = JSON.parse(JSON.stringify(op('listProjectAttachments').response!.encode(list)));
			expect(encoded.items[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);

			const file = await run('downloadProjectAttachment', 'focalPointA', added.id);
			expect(isDownload(file)).toBe(true);
			expect(file).toMatchObject({ contentType: 'image/png', filename: 'Carte de Gao.png' });
			expect(await run('downloadProjectAttachment', 'focalPointB', added.id).catch((e) => e)).toBeInstanceOf(
				NotFoundError
			);

			await run('deleteProjectAttachment', 'focalPointA', added.id);
			expect(await files(p.id)).toBe(0);
		});
	});
});
