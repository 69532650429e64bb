/**
 * What the server and the attachments list both need to know: the limits, the reasons an upload is
 * refused (the upload form's redirect carries the reason, the page says it in the user's language),
 * and how a stored type and size read.
 */
import { m } from '$lib/paraglide/messages';

type Locale = 'fr' | 'en';

export const MAX_ATTACHMENT_MB = 10;
export const MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_MB * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;

/** What the file picker offers; the server decides by the file's content, never by this. */
export const ATTACHMENT_ACCEPT = '.pdf,.docx,.xlsx,.odt,.ods,.png,.jpg,.jpeg,.csv,.txt';

export const ATTACHMENT_REFUSALS = ['missing', 'empty', 'too-large', 'type', 'count'] as const;
export type AttachmentRefusal = (typeof ATTACHMENT_REFUSALS)[number];

export function isAttachmentRefusal(value: unknown): value is AttachmentRefusal {
	return ATTACHMENT_REFUSALS.includes(value as AttachmentRefusal);
}

export function refusalMessage(reason: AttachmentRefusal, locale: Locale): string {
	switch (reason) {
		case 'missing':
			return m.projectfiles_error_missing({}, { locale });
		case 'empty':
			return m.projectfiles_error_empty({}, { locale });
		case 'too-large':
			return m.projectfiles_error_too_large({ max: MAX_ATTACHMENT_MB }, { locale });
		case 'type':
			return m.projectfiles_error_type({}, { locale });
		case 'count':
			return m.projectfiles_error_count({ max: MAX_ATTACHMENTS }, { locale });
	}
}

const TYPE_LABELS: Record<string, string | ((locale: Locale) => string)> = {
	'application/pdf': 'PDF',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (XLSX)',
	'application/vnd.oasis.opendocument.text': 'OpenDocument (ODT)',
	'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument (ODS)',
	'image/png': 'PNG',
	'image/jpeg': 'JPEG',
	'text/csv': (locale) => m.projectfiles_type_csv({}, { locale }),
	'text/plain': (locale) => m.projectfiles_type_text({}, { locale })
};

export function attachmentTypeLabel(mime: string, locale: Locale): string {
	const label = TYPE_LABELS[mime];
	return label === undefined ? mime : typeof label === 'string' ? label : label(locale);
}
