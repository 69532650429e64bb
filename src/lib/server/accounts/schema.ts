import { z } from 'zod';
import { ROLES } from '../db/schema';
import { emailSchema, requiredText } from '../validation';
import { MIN_PASSWORD_LENGTH } from './auth';

export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH).max(256);

/** Coordinators and information managers serve a cluster; focal points an organisation. */
export const grantInput = z
	.object({
		role: z.enum(ROLES),
		clusterId: z
			.uuid()
			.nullish()
			.transform((v) => v || null),
		organisationId: z
			.uuid()
			.nullish()
			.transform((v) => v || null)
	})
	.superRefine((g, ctx) => {
		const needsCluster = g.role === 'coordinator' || g.role === 'information-manager';
		if (needsCluster && !g.clusterId)
			ctx.addIssue({ code: 'custom', path: ['clusterId'], message: 'error_grant_needs_cluster' });
		if (g.role === 'focal-point' && !g.organisationId)
			ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'error_grant_needs_organisation' });
	})
	.transform((g) => ({
		role: g.role,
		clusterId:
			g.role === 'coordinator' || g.role === 'information-manager' || g.role === 'observer'
				? g.clusterId
				: null,
		organisationId: g.role === 'focal-point' ? g.organisationId : null
	}));

export const newUserInput = z.object({
	email: emailSchema,
	name: requiredText(200),
	locale: z.enum(['fr', 'en']).default('fr'),
	password: passwordSchema.optional(),
	grants: z.array(grantInput).default([])
});

export const profileInput = z.object({
	name: requiredText(200),
	locale: z.enum(['fr', 'en'])
});

export const tokenInput = z.object({ name: requiredText(100) });
