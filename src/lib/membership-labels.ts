import { m } from '$lib/paraglide/messages';
import type { MembershipStage } from '$lib/server/db/schema';

type Label = (inputs?: object, options?: { locale?: 'fr' | 'en' }) => string;

/** The steps of the membership pipeline, in order, as users read them. */
export const membershipStageLabels: Record<MembershipStage, Label> = {
	prospect: m.directory_stage_prospect,
	contacted: m.directory_stage_contacted,
	interested: m.directory_stage_interested,
	member: m.directory_stage_member,
	inactive: m.directory_stage_inactive
};

export function membershipStageLabel(stage: string, locale?: 'fr' | 'en'): string {
	return stage in membershipStageLabels
		? membershipStageLabels[stage as MembershipStage]({}, locale ? { locale } : {})
		: stage;
}

export const membershipStageOptions = () =>
	Object.entries(membershipStageLabels).map(([value, label]) => ({ value, label: label() }));
