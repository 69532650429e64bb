import { m } from '$lib/paraglide/messages';
import { formatNumber } from '$lib/format';
import type { DuplicateReason } from '$lib/server/directory/duplicates';

type Locale = 'fr' | 'en';

/** Why two records look like one, as a sentence in the page's language. */
export function reasonLabel(reason: DuplicateReason, locale: Locale): string {
	switch (reason.kind) {
		case 'same-email':
			return m.records_reason_same_email({ email: reason.email });
		case 'similar-name':
			return m.records_reason_similar_name({
				score: formatNumber(reason.score, locale)
			});
		case 'same-acronym':
			return m.records_reason_same_acronym({ acronym: reason.acronym });
		case 'same-domain':
			return m.records_reason_same_domain({ domain: reason.domain });
		case 'near-domain':
			return m.records_reason_near_domain({ domain: reason.domain, other: reason.otherDomain });
	}
}

const linkLabels: Record<string, () => string> = {
	'person.organisation_id': m.records_link_person_organisation_id,
	'role_grant.organisation_id': m.records_link_role_grant_organisation_id,
	'membership.organisation_id': m.records_link_membership_organisation_id,
	'organisation_location.organisation_id': m.records_link_organisation_location_organisation_id,
	'organisation_logo.organisation_id': m.records_link_organisation_logo_organisation_id,
	'cluster.lead_organisation_id': m.records_link_cluster_lead_organisation_id,
	'cluster.co_lead_organisation_id': m.records_link_cluster_co_lead_organisation_id,
	'membership.focal_point_id': m.records_link_membership_focal_point_id
};

/** What a link is called; one a later module adds shows its table and column until it gets a label. */
export const linkLabel = (key: string) => linkLabels[key]?.() ?? m.records_link_other({ key });
