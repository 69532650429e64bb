/**
 * The cross-site check SvelteKit makes on form posts, made here instead (svelte.config.js turns
 * SvelteKit's own off) so that one kind of request may pass: an API call that carries its bearer
 * token. A browser never adds that header by itself, so another site cannot forge such a call —
 * and API clients may then send minutes as `text/plain`, which SvelteKit would refuse.
 */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE'];

export function isCrossSiteForm(request: Request, url: URL): boolean {
	if (!UNSAFE.includes(request.method)) return false;
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	if (!FORM_TYPES.includes(type) || request.headers.get('origin') === url.origin) return false;
	const bearer = /^bearer\s/i.test(request.headers.get('authorization') ?? '');
	return !(url.pathname.startsWith('/api/') && bearer);
}
