/**
 * A file a page or the API sends as an attachment (an export, a personal-data download); a long
 * export is a stream, written as it is read so that the server's memory stays flat.
 */
export interface Download {
	body: Uint8Array | string | ReadableStream<Uint8Array>;
	contentType: string;
	filename: string;
}

export function isDownload(value: unknown): value is Download {
	return (
		typeof value === 'object' &&
		value !== null &&
		'contentType' in value &&
		'filename' in value &&
		'body' in value
	);
}

/** The file as an attachment; the name is given both plainly and RFC 5987-encoded for accents. */
export function downloadResponse({ body, contentType, filename }: Download): Response {
	const ascii = filename.normalize('NFD').replace(/[^\x20-\x7e]|["\\]/g, '');
	// A copy typed as ArrayBuffer-backed, which the Response constructor wants.
	const content = typeof body === 'string' || body instanceof ReadableStream ? body : new Uint8Array(body);
	return new Response(content, {
		headers: {
			'content-type': contentType,
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
			'cache-control': 'no-store',
			// A file is data, never a page of ours: no sniffing it into HTML, no script if opened.
			'x-content-type-options': 'nosniff',
			'content-security-policy': 'sandbox'
		}
	});
}
