import { z } from 'zod';
import { clusterCode, optionalId } from '../directory/schema';

export const clusterInput = z.object({
	code: clusterCode,
	nameFr: z.string().trim().min(1).max(200),
	nameEn: z.string().trim().min(1).max(200),
	leadOrganisationId: optionalId(),
	coLeadOrganisationId: optionalId()
});
