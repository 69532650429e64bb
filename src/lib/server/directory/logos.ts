import { eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import { organisationLogo } from '../db/schema';
import { authorize, editsOrganisation, readsDirectory } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { NotFoundError, ValidationError } from '../errors';
import { getOrganisation } from './organisations';
import { m } from '$lib/paraglide/messages';

export const MAX_LOGO_BYTES = 512 * 1024;

/** Raster images only, recognised by their first bytes: an SVG could carry script. */
const SIGNATURES: { mime: string; test: (b: Uint8Array) => boolean }[] = [
	{ mime: 'image/png', test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
	{ mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
	{ mime: 'image/gif', test: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 },
	{
		mime: 'image/webp',
		test: (b) =>
			String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' &&
			String.fromCharCode(...b.subarray(8, 12)) === 'WEBP'
	}
];

export async function setLogo(ctx: Ctx, organisationId: string, bytes: Uint8Array): Promise<void> {
	await getOrganisation(ctx, organisationId);
	authorize(ctx.actor, editsOrganisation(ctx.actor, organisationId));
	const mime = SIGNATURES.find((s) => s.test(bytes))?.mime;
	const problem = !mime
		? m.directory_error_logo_type({}, { locale: ctx.locale })
		: bytes.length > MAX_LOGO_BYTES
			? m.directory_error_logo_size({ max: MAX_LOGO_BYTES / 1024 }, { locale: ctx.locale })
			: null;
	if (problem) throw new ValidationError([{ path: 'logo', message: problem }]);
	const data = Buffer.from(bytes).toString('base64');
	await ctx.db.transaction(async (tx) => {
		await tx
			.insert(organisationLogo)
			.values({ organisationId, mime: mime!, data })
			.onConflictDoUpdate({
				target: organisationLogo.organisationId,
				set: { mime, data, updatedAt: new Date() }
			});
		await recordAudit(tx, ctx.actor, {
			action: 'logo.set',
			entityType: 'organisation',
			entityId: organisationId,
			after: { mime, bytes: bytes.length }
		});
	});
}

export async function removeLogo(ctx: Ctx, organisationId: string): Promise<void> {
	await getOrganisation(ctx, organisationId);
	authorize(ctx.actor, editsOrganisation(ctx.actor, organisationId));
	await ctx.db.transaction(async (tx) => {
		const removed = await tx
			.delete(organisationLogo)
			.where(eq(organisationLogo.organisationId, organisationId))
			.returning({ mime: organisationLogo.mime });
		if (removed.length)
			await recordAudit(tx, ctx.actor, {
				action: 'logo.remove',
				entityType: 'organisation',
				entityId: organisationId
			});
	});
}

export async function getLogo(ctx: Ctx, organisationId: string) {
	authorize(ctx.actor, readsDirectory(ctx.actor));
	const [row] = await ctx.db
		.select()
		.from(organisationLogo)
		.where(eq(organisationLogo.organisationId, organisationId));
	if (!row) throw new NotFoundError();
	return { mime: row.mime, bytes: new Uint8Array(Buffer.from(row.data, 'base64')), updatedAt: row.updatedAt };
}
