import { m } from '$lib/paraglide/messages';
import { labelOf } from '$lib/labels';
import type { MeetingKind, MeetingState } from '$lib/server/db/schema';

export const meetingStateLabel = labelOf<MeetingState>({
	planned: m.minutes_state_planned,
	held: m.minutes_state_held,
	published: m.minutes_state_published
});

export const meetingKindLabel = labelOf<MeetingKind>({
	'cluster-meeting': m.minutes_kind_cluster_meeting,
	workshop: m.minutes_kind_workshop,
	training: m.minutes_kind_training,
	other: m.minutes_kind_other
});
