/** Thrown as soon as a body is known to be larger than its limit. */
export class TooLargeError extends Error {
	constructor() {
		super('body too large');
	}
}

/**
 * The whole stream, read chunk by chunk and abandoned the moment it passes `limit` bytes: a body
 * sent without Content-Length (chunked) cannot make the server hold more than that.
 */
export async function readLimited(
	stream: ReadableStream<Uint8Array>,
	limit: number
): Promise<Uint8Array<ArrayBuffer>> {
	const reader = stream.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.byteLength;
		if (total > limit) {
			// Released, not cancelled: under adapter-node cancelling destroys the socket, and the client
			// would get a reset instead of our answer. Unread, the body stays paused, never buffered.
			reader.releaseLock();
			throw new TooLargeError();
		}
		chunks.push(value);
	}
	return concat(chunks, total);
}

function concat(chunks: Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
	const bytes = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return bytes;
}
