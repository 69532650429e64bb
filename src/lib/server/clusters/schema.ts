import { z } from 'zod';
import { requiredText } from '../validation';

export const clusterInput = z.object({
	code: z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z0-9-]{2,12}$/),
	nameFr: requiredText(200),
	nameEn: requiredText(200),
	leadOrganisationId: z.uuid().nullish().transform((v) => v || null),
	coLeadOrganisationId: z.uuid().nullish().transform((v) => v || null)
});
