import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/format';
import type { EventKind, WorkPlanStatus } from '$lib/server/db/schema';

type Label = (inputs?: object, options?: { locale?: 'fr' | 'en' }) => string;

/** What each kind of calendar event is called. */
export const eventKindLabels: Record<EventKind, Label> = {
	meeting: m.events_kind_meeting,
	training: m.events_kind_training,
	deadline: m.events_kind_deadline,
	milestone: m.events_kind_milestone,
	other: m.events_kind_other
};

export const eventKindOptions = () =>
	Object.entries(eventKindLabels).map(([value, label]) => ({ value, label: label() }));

/** What each status of a work plan activity is called. */
export const activityStatusLabels: Record<WorkPlanStatus, Label> = {
	planned: m.events_status_planned,
	ongoing: m.events_status_ongoing,
	done: m.events_status_done,
	cancelled: m.events_status_cancelled
};

export const activityStatusOptions = () =>
	Object.entries(activityStatusLabels).map(([value, label]) => ({ value, label: label() }));

const tags = { fr: 'fr-FR', en: 'en-GB' } as const;

/** "vendredi 21/10/2016" */
function dayWithWeekday(day: string, locale: 'fr' | 'en') {
	const weekday = new Intl.DateTimeFormat(tags[locale], { weekday: 'long', timeZone: 'UTC' }).format(
		new Date(day)
	);
	return `${weekday} ${formatDate(day, locale)}`;
}

/** When an event happens, as a sentence: "vendredi 21/10/2016, 10:00–12:00", "du … au …". */
export function eventWhen(
	e: { startsOn: string; startTime: string | null; endsOn: string | null; endTime: string | null },
	locale: 'fr' | 'en'
): string {
	const first = dayWithWeekday(e.startsOn, locale);
	if (e.endsOn) {
		const from = e.startTime ? `${first} ${e.startTime}` : first;
		const last = dayWithWeekday(e.endsOn, locale);
		const to = e.endTime ? `${last} ${e.endTime}` : last;
		return m.events_when_days({ from, to }, { locale });
	}
	if (e.startTime && e.endTime)
		return m.events_when_day_times({ day: first, start: e.startTime, end: e.endTime }, { locale });
	if (e.startTime) return m.events_when_day_time({ day: first, start: e.startTime }, { locale });
	return `${first} (${m.events_all_day({}, { locale })})`;
}
