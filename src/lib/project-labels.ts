import { m } from '$lib/paraglide/messages';
import { labelOf } from '$lib/labels';
import type { ProjectStatus } from '$lib/server/db/schema';

type Label = (inputs?: object, options?: { locale?: 'fr' | 'en' }) => string;

/** Every status, in workflow order (types only from the schema: pages import this file too). */
const statusLabels: Record<ProjectStatus, Label> = {
	draft: m.projectlist_status_draft,
	submitted: m.projectlist_status_submitted,
	'under-review': m.projectlist_status_under_review,
	'revision-requested': m.projectlist_status_revision_requested,
	approved: m.projectlist_status_approved,
	'not-approved': m.projectlist_status_not_approved,
	published: m.projectlist_status_published,
	withdrawn: m.projectlist_status_withdrawn
};

/** What each project status is called, in the language of the request (or the one given). */
export const projectStatusLabel = labelOf<ProjectStatus>(statusLabels);

/** Every status in workflow order with its label, for select boxes and check lists. */
export const projectStatusOptions = (locale?: 'fr' | 'en') =>
	(Object.keys(statusLabels) as ProjectStatus[]).map((value) => ({
		value,
		label: projectStatusLabel(value, locale)
	}));
