/** The name of a file sent as the raw body: Content-Disposition, else `?filename=`, else "upload". */
export function uploadFilename(request: Request): string {
	const fromHeader = dispositionFilename(request.headers.get('content-disposition'));
	const fromQuery = new URL(request.url).searchParams.get('filename');
	return safeFilename(fromHeader ?? fromQuery ?? '');
}

/** RFC 6266: `filename*=UTF-8''…` (percent-encoded, for accents) wins over a plain `filename="…"`. */
export function dispositionFilename(header: string | null): string | null {
	if (!header) return null;
	const encoded = /filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)/i.exec(header);
	if (encoded) {
		try {
			return decodeURIComponent(encoded[2]!.trim());
		} catch {
			// A badly encoded name falls back to the plain one.
		}
	}
	const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
	if (!plain) return null;
	return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2]!.trim();
}

/** The last part of a path a browser or client may send, without control characters, never empty. */
export function safeFilename(name: string): string {
	const last = name.split(/[\\/]/).pop() ?? '';
	const base = [...last]
		.filter((char) => char >= ' ' && char !== '\x7f')
		.join('')
		.trim();
	return base.slice(0, 255) || 'upload';
}
