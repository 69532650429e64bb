/**
 * Files attached to a project (a budget in XLSX, a map, a letter of support). They are kept in the
 * database (base64 in `project_attachment`), so that any app instance serves them and a backup holds
 * them; no path on disk is ever built from what the user sends. Those who may edit the sheet add and
 * delete them, those who may read the project download them, and each file is served with the type
 * its bytes showed at upload, as an attachment that a browser never runs in our origin.
 */
import { createHash } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { projectAttachment, user } from '../db/schema';
import type { Actor } from '../access/actor';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError, ValidationError } from '../errors';
import { isId } from '../directory/schema';
import type { Locale } from '../i18n';
import { downloadResponse, type Download } from '../downloads';
import { readLimited, TooLargeError } from '../uploads/read-limited';
import { safeFilename, uploadFilename } from '../uploads/upload-filename';
import type { Upload } from '../uploads/read-upload';
import { editsProject, type FoundProject } from './access';
import { assertEditable } from './edit';
import { findProject } from './find';
import { attachmentFileName, sniffAttachmentType } from './attachment-type';
import {
	MAX_ATTACHMENT_BYTES,
	MAX_ATTACHMENTS,
	refusalMessage,
	type AttachmentRefusal
} from '$lib/project-attachments';

/** A refused upload, with the reason the upload form's redirect carries to the page. */
export class AttachmentRefusedError extends ValidationError {
	constructor(
		readonly reason: AttachmentRefusal,
		locale: Locale
	) {
		super([{ path: 'file', message: refusalMessage(reason, locale) }]);
	}
}

export interface AttachmentInfo {
	id: string;
	fileName: string;
	mime: string;
	size: number;
	sha256: string;
	createdAt: Date;
	/** The name of who added it; null once that user is deleted. */
	uploadedBy: string | null;
}

export interface AttachmentList {
	projectId: string;
	items: AttachmentInfo[];
	/** Whether the user may add and delete files now (the sheet is theirs to edit). */
	editable: boolean;
	max: number;
}

export interface AttachmentFile {
	projectId: string;
	fileName: string;
	mime: string;
	bytes: Uint8Array;
}

const info = {
	id: projectAttachment.id,
	fileName: projectAttachment.fileName,
	mime: projectAttachment.mime,
	size: projectAttachment.size,
	sha256: projectAttachment.sha256,
	createdAt: projectAttachment.createdAt,
	uploadedBy: user.name
};

/** The files of a project the user may read, oldest first, without their content. */
export async function listAttachments(ctx: Ctx, projectId: string): Promise<AttachmentList> {
	const p = await findProject(ctx, projectId);
	const items = await ctx.db
		.select(info)
		.from(projectAttachment)
		.leftJoin(user, eq(user.id, projectAttachment.uploadedByUserId))
		.where(eq(projectAttachment.projectId, p.id))
		.orderBy(asc(projectAttachment.createdAt), asc(projectAttachment.id));
	return { projectId: p.id, items, editable: editsProject(ctx.actor, p), max: MAX_ATTACHMENTS };
}

/** Files change with the sheet: by its editors, while it is editable and its plan open. */
function writer(ctx: Ctx, p: FoundProject): Actor {
	assertEditable(ctx, p);
	return ctx.actor;
}

/**
 * Adds the file that `read` gives (see `readAttachmentUpload`). Who may add and whether there is
 * room are checked before the body is read; both again in the transaction, on the locked project,
 * as it may have been submitted or filled meanwhile.
 */
export async function addAttachment(
	ctx: Ctx,
	projectId: string,
	read: () => Promise<Upload>
): Promise<AttachmentInfo> {
	const current = await findProject(ctx, projectId);
	writer(ctx, current);
	if ((await countAttachments(ctx.db, current.id)) >= MAX_ATTACHMENTS) throw refused('count', ctx);
	const upload = await read();
	if (upload.bytes.byteLength > MAX_ATTACHMENT_BYTES) throw refused('too-large', ctx);
	if (upload.bytes.byteLength === 0) throw refused('empty', ctx);
	const type = sniffAttachmentType(upload.bytes, upload.filename);
	if (!type) throw refused('type', ctx);
	const values = {
		fileName: attachmentFileName(upload.filename, type),
		mime: type.mime,
		size: upload.bytes.byteLength,
		sha256: createHash('sha256').update(upload.bytes).digest('hex')
	};
	return ctx.db.transaction(async (tx) => {
		const p = await findProject(ctx, projectId, tx, true);
		const actor = writer(ctx, p);
		if ((await countAttachments(tx, p.id)) >= MAX_ATTACHMENTS) throw refused('count', ctx);
		const [row] = await tx
			.insert(projectAttachment)
			.values({
				projectId: p.id,
				...values,
				data: Buffer.from(upload.bytes).toString('base64'),
				uploadedByUserId: actor.userId
			})
			.returning({ id: projectAttachment.id, createdAt: projectAttachment.createdAt });
		await recordAudit(tx, actor, {
			action: 'project.attachment.add',
			entityType: 'project',
			entityId: p.id,
			after: { attachmentId: row!.id, ...values }
		});
		return { ...row!, ...values, uploadedBy: actor.name };
	});
}

/** The file, for those who may read its project; a file of another project than `projectId` is not found. */
export async function getAttachment(
	ctx: Ctx,
	attachmentId: string,
	projectId?: string
): Promise<AttachmentFile> {
	const found = await findAttachment(ctx, attachmentId, projectId);
	// Read only once the project is known to be readable: the content is the heavy part.
	const [row] = await ctx.db
		.select({
			fileName: projectAttachment.fileName,
			mime: projectAttachment.mime,
			data: projectAttachment.data
		})
		.from(projectAttachment)
		.where(eq(projectAttachment.id, found.id));
	if (!row) throw new NotFoundError();
	return {
		projectId: found.projectId,
		fileName: row.fileName,
		mime: row.mime,
		bytes: new Uint8Array(Buffer.from(row.data, 'base64'))
	};
}

export async function deleteAttachment(ctx: Ctx, attachmentId: string, projectId?: string): Promise<void> {
	const found = await findAttachment(ctx, attachmentId, projectId);
	await ctx.db.transaction(async (tx) => {
		const p = await findProject(ctx, found.projectId, tx, true);
		const actor = writer(ctx, p);
		const [removed] = await tx.delete(projectAttachment).where(eq(projectAttachment.id, found.id)).returning({
			fileName: projectAttachment.fileName,
			mime: projectAttachment.mime,
			size: projectAttachment.size,
			sha256: projectAttachment.sha256
		});
		if (!removed) throw new NotFoundError();
		await recordAudit(tx, actor, {
			action: 'project.attachment.delete',
			entityType: 'project',
			entityId: p.id,
			before: { attachmentId: found.id, ...removed }
		});
	});
}

/** The file as a download of the type found at upload (text is always UTF-8: nothing else is taken). */
export function attachmentDownload(file: AttachmentFile): Download {
	const contentType = file.mime.startsWith('text/') ? `${file.mime}; charset=utf-8` : file.mime;
	return { body: file.bytes, contentType, filename: file.fileName };
}

/**
 * The file as the browser gets it: saved rather than shown, never sniffed into another type, and
 * sandboxed should a browser open it anyway, so that nothing in it runs with our origin's cookies.
 */
export function attachmentResponse(file: AttachmentFile): Response {
	const response = downloadResponse(attachmentDownload(file));
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('content-security-policy', 'sandbox');
	return response;
}

/** Past this, a multipart body holds more than the file and the form's few other fields. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * The file a user sends: the `file` field of a multipart form, or the raw body of an API call
 * (named by Content-Disposition or `?filename=`). Never more than the limit is read: a body
 * announced larger is refused unread, one sent in chunks is abandoned as soon as it passes.
 */
export async function readAttachmentUpload(request: Request, locale: Locale): Promise<Upload> {
	const refuse = (reason: AttachmentRefusal) => new AttachmentRefusedError(reason, locale);
	const multipart = request.headers.get('content-type')?.toLowerCase().startsWith('multipart/form-data');
	const limit = MAX_ATTACHMENT_BYTES + (multipart ? FORM_OVERHEAD_BYTES : 0);
	if (Number(request.headers.get('content-length')) > limit) throw refuse('too-large');
	if (!request.body) throw refuse('missing');
	const body = await readLimited(request.body, limit).catch((error: unknown) => {
		throw error instanceof TooLargeError ? refuse('too-large') : error;
	});
	let upload: Upload;
	if (multipart) {
		const form = await new Response(body, {
			headers: { 'content-type': request.headers.get('content-type')! }
		})
			.formData()
			.catch(() => null);
		const file = form?.get('file');
		// A form posted with no file chosen still carries the field, as an empty part without a name.
		if (!(file instanceof File) || (file.size === 0 && file.name === '')) throw refuse('missing');
		if (file.size > MAX_ATTACHMENT_BYTES) throw refuse('too-large');
		upload = { filename: safeFilename(file.name), bytes: new Uint8Array(await file.arrayBuffer()) };
	} else {
		// A browser form posted without enctype="multipart/form-data" sends the file's name, not the file.
		if (request.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded'))
			throw refuse('missing');
		upload = { filename: uploadFilename(request), bytes: body };
	}
	if (upload.bytes.byteLength === 0) throw refuse('empty');
	return upload;
}

/** The attachment's id and project, once the user is known to be allowed to read it (404 otherwise). */
async function findAttachment(ctx: Ctx, attachmentId: string, projectId?: string) {
	if (!isId(attachmentId) || (projectId !== undefined && !isId(projectId))) throw new NotFoundError();
	const [row] = await ctx.db
		.select({ id: projectAttachment.id, projectId: projectAttachment.projectId })
		.from(projectAttachment)
		.where(
			and(
				eq(projectAttachment.id, attachmentId),
				projectId === undefined ? undefined : eq(projectAttachment.projectId, projectId)
			)
		);
	if (!row) throw new NotFoundError();
	await findProject(ctx, row.projectId);
	return row;
}

async function countAttachments(db: Executor, projectId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(projectAttachment)
		.where(eq(projectAttachment.projectId, projectId));
	return row?.n ?? 0;
}

function refused(reason: AttachmentRefusal, ctx: Ctx) {
	return new AttachmentRefusedError(reason, ctx.locale);
}
