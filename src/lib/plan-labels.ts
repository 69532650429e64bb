import { m } from '$lib/paraglide/messages';
import { labelOf } from '$lib/labels';
import type {
	ChapterKind,
	Disaggregation,
	IndicatorUnit,
	PeriodRule,
	PlaceRule,
	PlanKind,
	PlanStatus
} from '$lib/server/db/schema';
import type { Level } from '$lib/server/plans/framework/codes';

export const planStatusLabel = labelOf<PlanStatus>({
	draft: m.plans_status_draft,
	published: m.plans_status_published,
	closed: m.plans_status_closed
});

export const planKindLabel = labelOf<PlanKind>({
	hrp: m.plans_kind_hrp,
	'flash-appeal': m.plans_kind_flash_appeal,
	other: m.plans_kind_other
});

export const levelLabel = labelOf<Level>({
	'strategic-objective': m.framework_level_strategic_objective,
	'cluster-objective': m.framework_level_cluster_objective,
	activity: m.framework_level_activity,
	indicator: m.framework_level_indicator
});

export const unitLabel = labelOf<IndicatorUnit>({
	people: m.framework_unit_people,
	number: m.framework_unit_number,
	percent: m.framework_unit_percent,
	usd: m.framework_unit_usd,
	'yes-no': m.framework_unit_yes_no
});

export const ruleLabel = labelOf<PeriodRule | PlaceRule>({
	sum: m.framework_rule_sum,
	average: m.framework_rule_average,
	max: m.framework_rule_max,
	latest: m.framework_rule_latest
});

export const disaggregationLabel = labelOf<Disaggregation>({
	none: m.framework_disaggregation_none,
	sex: m.framework_disaggregation_sex,
	'sex-age': m.framework_disaggregation_sex_age
});

export const chapterKindLabel = labelOf<ChapterKind>({
	'needs-overview': m.framework_chapter_needs_overview,
	'response-strategy': m.framework_chapter_response_strategy,
	scenarios: m.framework_chapter_scenarios,
	section: m.framework_chapter_section
});

/** A title in the reader's language, French when there is no English one. */
export const titleIn = (item: { titleFr: string; titleEn: string | null }, locale: string) =>
	locale === 'en' && item.titleEn ? item.titleEn : item.titleFr;

/** A label (a question's, a choice's, a criterion's) in the reader's language, French by default. */
export const labelIn = (item: { labelFr: string; labelEn: string | null }, locale: string) =>
	locale === 'en' && item.labelEn ? item.labelEn : item.labelFr;
