import { describe, expect, it } from 'vitest';
import { isCrossSiteForm } from './cross-site';

const request = (path: string, headers: Record<string, string>, method = 'POST') =>
	[
		new Request(`https://concerto.example.org${path}`, { method, headers }),
		new URL(`https://concerto.example.org${path}`)
	] as const;

describe('cross-site form posts', () => {
	it('refuses a form another site posts to a page or to the API with the visitor’s cookies', () => {
		expect(
			isCrossSiteForm(
				...request('/organisations/new', {
					'content-type': 'application/x-www-form-urlencoded',
					origin: 'https://evil.example'
				})
			)
		).toBe(true);
		expect(
			isCrossSiteForm(
				...request('/api/v1/meetings/import', { 'content-type': 'text/plain', cookie: 'session=1' })
			)
		).toBe(true);
		expect(
			isCrossSiteForm(...request('/plans/x?/save', { 'content-type': 'multipart/form-data; boundary=x' }))
		).toBe(true);
	});

	it('lets through the site’s own forms, API calls with a bearer token, JSON and reads', () => {
		expect(
			isCrossSiteForm(
				...request('/organisations/new', {
					'content-type': 'application/x-www-form-urlencoded',
					origin: 'https://concerto.example.org'
				})
			)
		).toBe(false);
		expect(
			isCrossSiteForm(
				...request('/api/v1/meetings/import', { 'content-type': 'text/plain', authorization: 'Bearer abc' })
			)
		).toBe(false);
		expect(isCrossSiteForm(...request('/api/v1/plans', { 'content-type': 'application/json' }))).toBe(false);
		expect(isCrossSiteForm(...request('/plans', { 'content-type': 'text/plain' }, 'GET'))).toBe(false);
		// A bearer token does not open the pages' forms: only the API takes tokens.
		expect(
			isCrossSiteForm(
				...request('/organisations/new', { 'content-type': 'text/plain', authorization: 'Bearer abc' })
			)
		).toBe(true);
	});
});
