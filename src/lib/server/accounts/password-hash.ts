import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes).
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export function verifyPassword({
	hash: digest,
	password
}: {
	hash: string;
	password: string;
}): Promise<boolean> {
	return verify(digest, password).catch(() => false);
}
