/** A file a page or the API sends as an attachment (an export, a personal-data download). */
export interface Download {
	body: Uint8Array | string;
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
	return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
		headers: {
			'content-type': contentType,
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
			'cache-control': 'no-store'
		}
	});
}
