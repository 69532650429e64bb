import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The public HXL test files (libhxl-python, hxl-proxy), kept beside the repository, never in it. */
const root = fileURLToPath(new URL('../../../../../shared/fixtures/hxl/', import.meta.url));

export function fixture(path: string): Uint8Array {
	return new Uint8Array(readFileSync(root + path));
}
