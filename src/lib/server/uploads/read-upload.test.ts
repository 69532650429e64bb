import { describe, expect, it } from 'vitest';
import { readUpload, MAX_UPLOAD_BYTES } from './read-upload';
import { ValidationError } from '../errors';

const URL_ = 'http://localhost/api/v1/imports/organisations';
const encode = (text: string) => new TextEncoder().encode(text);

function formRequest(form: FormData, headers: Record<string, string> = {}) {
	return new Request(URL_, { method: 'POST', body: form, headers });
}

async function fileMessage(promise: Promise<unknown>): Promise<string> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ValidationError);
	const { errors } = error as ValidationError;
	expect(errors.map((e) => e.path)).toEqual(['file']);
	return errors[0]!.message;
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

describe('readUpload: multipart forms', () => {
	it('returns the file of the named field, with its name', async () => {
		const form = new FormData();
		form.set('note', 'bonjour');
		form.set('file', new File([encode('Code\nML0601\n')], 'Lieux du Mali.csv'));
		const upload = await readUpload(formRequest(form), 'fr');
		expect(upload.filename).toBe('Lieux du Mali.csv');
		expect(new TextDecoder().decode(upload.bytes)).toBe('Code\nML0601\n');

		const logo = new FormData();
		logo.set('logo', new File([new Uint8Array([1, 2, 3])], 'C:\\Users\\ama\\logo.png'));
		const named = await readUpload(formRequest(logo), 'fr', { field: 'logo' });
		expect(named).toEqual({ filename: 'logo.png', bytes: new Uint8Array([1, 2, 3]) });
	});

	it('refuses a form with no file chosen, or an empty file', async () => {
		const none = new FormData();
		none.set('file', new File([], ''));
		expect(await fileMessage(readUpload(formRequest(none), 'fr'))).toBe(
			'Aucun fichier reçu : choisissez un fichier à envoyer.'
		);
		const other = new FormData();
		other.set('autre', new File([encode('x')], 'x.csv'));
		expect(await fileMessage(readUpload(formRequest(other), 'en'))).toBe(
			'No file received: choose a file to send.'
		);
		const empty = new FormData();
		empty.set('file', new File([], 'vide.csv'));
		expect(await fileMessage(readUpload(formRequest(empty), 'fr'))).toMatch(/« vide.csv » est vide/);
	});

	it('refuses a form over the limit by its Content-Length, without reading the body', async () => {
		let pulled = false;
		const body = new ReadableStream(
			{
				pull() {
					pulled = true;
				}
			},
			{ highWaterMark: 0 }
		);
		const request = new Request(URL_, {
			method: 'POST',
			body,
			duplex: 'half',
			headers: {
				'content-type': 'multipart/form-data; boundary=x',
				'content-length': String(MAX_UPLOAD_BYTES + 1024 * 1024)
			}
		} as RequestInit);
		expect(await fileMessage(readUpload(request, 'fr'))).toBe(
			'Le fichier dépasse 20 Mo. Envoyez un fichier plus petit ou découpez-le en plusieurs.'
		);
		expect(pulled).toBe(false);
	});

	it('refuses a file over the limit inside a form that fits', async () => {
		const form = new FormData();
		form.set('file', new File([new Uint8Array(1100)], 'big.csv'));
		const message = await fileMessage(readUpload(formRequest(form), 'en', { maxBytes: 1000 }));
		expect(message).toBe('The file is larger than 0 MB. Send a smaller file or split it into several.');
	});
});

describe('readUpload: raw bodies (API)', () => {
	it('names the file from Content-Disposition, else ?filename=, else "upload"', async () => {
		const withHeader = new Request(URL_, {
			method: 'POST',
			body: encode('a,b\n1,2'),
			headers: {
				'content-type': 'text/csv',
				'content-disposition': `attachment; filename="Regions.csv"; filename*=UTF-8''R%C3%A9gions.csv`
			}
		});
		expect((await readUpload(withHeader, 'fr')).filename).toBe('Régions.csv');
		const plain = new Request(URL_, {
			method: 'POST',
			body: encode('x'),
			headers: { 'content-disposition': 'attachment; filename="a\\"b.csv"' }
		});
		expect((await readUpload(plain, 'fr')).filename).toBe('a"b.csv');
		const withQuery = new Request(`${URL_}?filename=lieux.xlsx`, { method: 'POST', body: encode('x') });
		expect((await readUpload(withQuery, 'fr')).filename).toBe('lieux.xlsx');
		const bare = new Request(URL_, {
			method: 'POST',
			body: encode('x'),
			headers: { 'content-type': 'text/csv' }
		});
		const upload = await readUpload(bare, 'fr');
		expect(upload).toEqual({ filename: 'upload', bytes: encode('x') });
	});

	it('refuses a body over the limit by its Content-Length', async () => {
		const request = new Request(URL_, {
			method: 'POST',
			body: new Uint8Array(10),
			headers: { 'content-type': 'text/csv', 'content-length': String(MAX_UPLOAD_BYTES + 1) }
		});
		expect(await fileMessage(readUpload(request, 'en'))).toBe(
			'The file is larger than 20 MB. Send a smaller file or split it into several.'
		);
	});

	it('stops reading a chunked body as soon as it passes the limit', async () => {
		const { stream, counter } = countingStream(1000, 64 * 1024);
		const request = new Request(URL_, {
			method: 'POST',
			body: stream,
			duplex: 'half',
			headers: { 'content-type': 'application/octet-stream' }
		} as RequestInit);
		const message = await fileMessage(readUpload(request, 'fr', { maxBytes: 1024 * 1024 }));
		expect(message).toMatch(/dépasse 1 Mo/);
		// 64 MB were on offer; the reader stopped at the first chunk past 1 MB.
		expect(counter.pulled).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024);
	});

	it('reads a chunked body under the limit whole', async () => {
		const { stream, counter } = countingStream(10, 1000);
		const request = new Request(URL_, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
		const upload = await readUpload(request, 'fr', { maxBytes: 10_000 });
		expect(upload.bytes.byteLength).toBe(10_000);
		expect(counter.pulled).toBe(10_000);
	});

	it('refuses a missing body, an empty one, and a form posted without multipart encoding', async () => {
		expect(await fileMessage(readUpload(new Request(URL_, { method: 'POST' }), 'fr'))).toMatch(
			/Aucun fichier/
		);
		const empty = new Request(URL_, { method: 'POST', body: new Uint8Array() });
		expect(await fileMessage(readUpload(empty, 'en'))).toBe(
			'The file “upload” is empty (0 bytes). Choose another file.'
		);
		const urlencoded = new Request(URL_, {
			method: 'POST',
			body: new URLSearchParams({ file: 'lieux.csv' })
		});
		expect(await fileMessage(readUpload(urlencoded, 'fr'))).toMatch(/Aucun fichier/);
	});
});
