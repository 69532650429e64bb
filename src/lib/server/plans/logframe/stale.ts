/**
 * A file filled in from an old export would silently undo what others changed since: the preview
 * refuses it with those changes, as writePlan refuses a stale save at the confirmation.
 */
import type { Executor } from '../../db/client';
import type { Locale } from '../../i18n';
import { refuseIfChanged } from '../changes';
import { fieldLabel } from './present';

/** Changes to the cluster's part or the plan's own part after `revision`: none, or a refusal. */
export function refuseIfStale(
	db: Executor,
	locale: Locale,
	planId: string,
	clusterId: string,
	revision: number
) {
	return refuseIfChanged(db, locale, planId, { revision, clusterId }, (field) => fieldLabel(field, locale));
}
