import { eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import { user } from '../db/schema';
import { authorize } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { parseInput } from '../validation';
import { profileInput } from './schema';

export async function updateProfile(ctx: Ctx, input: unknown) {
	authorize(ctx.actor, true);
	const values = parseInput(profileInput, input, ctx.locale);
	return ctx.db.transaction(async (tx) => {
		const [before] = await tx
			.select({ name: user.name, locale: user.locale })
			.from(user)
			.where(eq(user.id, ctx.actor!.userId));
		await tx
			.update(user)
			.set({ ...values, updatedAt: new Date() })
			.where(eq(user.id, ctx.actor!.userId));
		await recordAudit(tx, ctx.actor, {
			action: 'update',
			entityType: 'user',
			entityId: ctx.actor!.userId,
			before,
			after: values
		});
		return values;
	});
}
