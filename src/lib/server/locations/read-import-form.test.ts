import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { readImportForm } from './read-import-form';

function formRequest(form: FormData) {
	return new Request('http://concerto.test/locations/import?/preview', { method: 'POST', body: form });
}

describe('reading the import form', () => {
	it('gives the file with the format and columns typed beside it', async () => {
		const form = new FormData();
		form.set('file', new File(['P-Code,Name\nML,Mali\n'], 'liste.csv', { type: 'text/csv' }));
		form.set('format', 'csv');
		form.set('pcode', 'P-Code');
		const source = await readImportForm(formRequest(form), 'fr');
		expect(source.filename).toBe('liste.csv');
		expect(new TextDecoder().decode(source.bytes)).toBe('P-Code,Name\nML,Mali\n');
		expect(source.options).toEqual({ format: 'csv', pcode: 'P-Code' });
	});

	it('refuses a file over 20 MB, in the user’s language', async () => {
		const form = new FormData();
		form.set('file', new File([new Uint8Array(20 * 1024 * 1024 + 1)], 'big.csv'));
		const error = await readImportForm(formRequest(form), 'en').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors[0]!.message).toContain('20 MB');
	});

	it('asks for a file when the form has none', async () => {
		const form = new FormData();
		form.set('format', 'csv');
		const error = await readImportForm(formRequest(form), 'fr').catch((e: unknown) => e);
		expect((error as ValidationError).errors[0]!.message).toBe(
			'Aucun fichier reçu : choisissez un fichier à envoyer.'
		);
	});
});
