// Serves the build like adapter-node's own entry, with one difference: requests that come
// straight to us (no proxy) are plain HTTP. adapter-node otherwise assumes https when ORIGIN
// is unset, which refuses every form post made over http://localhost or a field office's
// LAN address. Behind a TLS proxy, its X-Forwarded-Proto header is kept. It also compresses
// server-rendered pages, which adapter-node sends as they are (its static files come
// precompressed): on a 2G link that is most of the cost of a page.
import http from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import compression from 'compression';
import process from 'node:process';

process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
// adapter-node would refuse a large body with a bare English 413 before our code runs; the app
// refuses it itself, in the user's language (src/hooks.server.ts and the upload reader).
process.env.BODY_SIZE_LIMIT ??= 'Infinity';
const build = process.env.CONCERTO_BUILD_DIR ?? 'build';
const root = fileURLToPath(new URL('..', import.meta.url));
const { handler } = await import(pathToFileURL(resolve(root, build, 'handler.js')).href);

const header = process.env.PROTOCOL_HEADER;
const compress = compression({ threshold: 1024 });
const server = http.createServer((req, res) => {
	req.headers[header] ??= 'http';
	compress(req, res, () => handler(req, res));
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

function shutdown(reason) {
	server.close(() => {
		process.emit('sveltekit:shutdown', reason);
		setTimeout(() => process.exit(0), 200).unref();
	});
	server.closeIdleConnections();
	setTimeout(() => process.exit(0), 10_000).unref();
}
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
