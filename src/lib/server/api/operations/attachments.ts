import { z } from 'zod';
import { operation } from '../endpoint';
import {
	addAttachment,
	attachmentDownload,
	deleteAttachment,
	getAttachment,
	listAttachments,
	readAttachmentUpload
} from '../../projects/attachments';
import { m } from '$lib/paraglide/messages';

/** What may be attached: the types the server recognises by the file's first bytes. */
const ATTACHMENT_TYPES = [
	'application/pdf',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.oasis.opendocument.text',
	'application/vnd.oasis.opendocument.spreadsheet',
	'image/png',
	'image/jpeg',
	'text/csv',
	'text/plain'
];

const timestamp = z.codec(z.string().meta({ format: 'date-time' }), z.date(), {
	decode: (text) => new Date(text),
	encode: (date) => date.toISOString()
});

const attachmentOut = z.object({
	id: z.string().meta({ format: 'uuid' }),
	fileName: z.string().meta({ description: 'The name offered on download, cleaned of any path' }),
	mime: z
		.string()
		.meta({ description: 'The type found in the file’s content at upload', examples: ['application/pdf'] }),
	size: z.int().meta({ description: 'Bytes' }),
	sha256: z.string().meta({ description: 'SHA-256 of the content, hexadecimal' }),
	createdAt: timestamp,
	uploadedBy: z.string().nullable().meta({ description: 'Name of the user who added it' })
});

const attachmentListOut = z.object({
	items: z.array(attachmentOut),
	total: z.int(),
	editable: z.boolean().meta({ description: 'Whether the caller may add and delete files now' }),
	max: z.int().meta({ description: 'How many files a project may have' })
});

/**
 * A project's attachments: listed with the project (who may read it), added and deleted by those
 * who may edit its sheet, downloaded one by one. Files are sent as the raw body, at most 10 MB,
 * of a type recognised by their content.
 */
export const attachmentOperations = [
	operation({
		method: 'GET',
		path: '/projects/{id}/attachments',
		operationId: 'listProjectAttachments',
		tag: 'projects',
		summary: (locale) => m.projectfiles_api_list({}, { locale }),
		public: true,
		status: 200,
		response: attachmentListOut,
		problems: ['not-found'],
		run: async ({ ctx, id }) => {
			const list = await listAttachments(ctx, id);
			return { items: list.items, total: list.items.length, editable: list.editable, max: list.max };
		}
	}),
	operation({
		method: 'POST',
		path: '/projects/{id}/attachments',
		operationId: 'addProjectAttachment',
		tag: 'projects',
		summary: (locale) => m.projectfiles_api_upload({}, { locale }),
		upload: ATTACHMENT_TYPES,
		status: 201,
		location: (attachmentId) => `/project-attachments/${attachmentId}`,
		response: attachmentOut,
		problems: ['validation', 'forbidden', 'not-found', 'conflict'],
		run: ({ ctx, locale, id, request }) => addAttachment(ctx, id, () => readAttachmentUpload(request, locale))
	}),
	operation({
		method: 'GET',
		path: '/project-attachments/{id}',
		operationId: 'downloadProjectAttachment',
		tag: 'projects',
		summary: (locale) => m.projectfiles_api_download({}, { locale }),
		public: true,
		downloads: ATTACHMENT_TYPES,
		status: 200,
		problems: ['not-found'],
		run: async ({ ctx, id }) => attachmentDownload(await getAttachment(ctx, id))
	}),
	operation({
		method: 'DELETE',
		path: '/project-attachments/{id}',
		operationId: 'deleteProjectAttachment',
		tag: 'projects',
		summary: (locale) => m.projectfiles_api_delete({}, { locale }),
		status: 204,
		problems: ['forbidden', 'not-found', 'conflict'],
		run: async ({ ctx, id }) => {
			await deleteAttachment(ctx, id);
			return undefined;
		}
	})
];
