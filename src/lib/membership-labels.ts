import { m } from '$lib/paraglide/messages';
import type { MembershipStage } from '$lib/server/db/schema';

type Label = (inputs?: object, options?: { locale?: 'fr' | 'en' }) => string;

/** What each step of the pipeline is called, in the language of the request (or the one given). */
export const membershipStageLabels: Record<MembershipStage, Label> = {
	prospect: m.membership_stage_prospect,
	contacted: m.membership_stage_contacted,
	interested: m.membership_stage_interested,
	member: m.membership_stage_member,
	inactive: m.membership_stage_inactive
};

export function membershipStageLabel(stage: string, locale?: 'fr' | 'en'): string {
	return stage in membershipStageLabels
		? membershipStageLabels[stage as MembershipStage]({}, locale ? { locale } : {})
		: stage;
}

/** The steps in the order of the work (as MEMBERSHIP_STAGES, which pages cannot import). */
export const MEMBERSHIP_STAGE_ORDER = Object.keys(membershipStageLabels) as MembershipStage[];

export const membershipStageOptions = () =>
	MEMBERSHIP_STAGE_ORDER.map((value) => ({ value, label: membershipStageLabels[value]() }));

/** A cluster's name in the reader's language. */
export const clusterName = (c: { nameFr: string; nameEn: string }, locale: string) =>
	locale === 'en' ? c.nameEn : c.nameFr;

/** The clusters as options of a filter, by code: "ER — Relèvement précoce". */
export const clusterOptions = (
	clusters: { code: string; nameFr: string; nameEn: string }[],
	locale: string
) => clusters.map((c) => ({ value: c.code, label: `${c.code} — ${clusterName(c, locale)}` }));
