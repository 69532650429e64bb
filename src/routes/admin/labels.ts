import { m } from '$lib/paraglide/messages';
import type { MailStatus } from '$lib/server/db/schema';
import type { AccessStatus } from '$lib/server/admin/users';

/** What the administration pages call statuses, record types and actions, in the request's language. */
export { grantLabel, roleLabel, roleLabels, roleOptions } from '$lib/role-labels';

export const accessLabels: Record<AccessStatus, () => string> = {
	active: m.admin_status_active,
	invited: m.admin_status_invited,
	'invitation-expired': m.admin_status_invitation_expired,
	'no-password': m.admin_status_no_password
};

export const mailStatusLabels: Record<MailStatus, () => string> = {
	held: m.admin_outbox_status_held,
	queued: m.admin_outbox_status_queued,
	sending: m.admin_outbox_status_sending,
	sent: m.admin_outbox_status_sent,
	failed: m.admin_outbox_status_failed
};

export const mailStatusLabel = (status: string) =>
	status in mailStatusLabels ? mailStatusLabels[status as MailStatus]() : status;

const entityLabels: Record<string, () => string> = {
	user: m.admin_entity_user,
	organisation: m.admin_entity_organisation,
	person: m.admin_entity_person,
	cluster: m.admin_entity_cluster,
	location: m.admin_entity_location,
	'api-token': m.admin_entity_api_token,
	mail: m.admin_entity_mail,
	setting: m.admin_entity_setting,
	database: m.admin_entity_database
};

/** Record types and actions that later modules add show as recorded until they get a label. */
export const entityLabel = (type: string) => entityLabels[type]?.() ?? type;

const actionLabels: Record<string, () => string> = {
	create: m.admin_action_create,
	update: m.admin_action_update,
	delete: m.admin_action_delete,
	'grant-role': m.admin_action_grant_role,
	'withdraw-role': m.admin_action_withdraw_role,
	'accept-invitation': m.admin_action_accept_invitation,
	'change-password': m.admin_action_change_password,
	'reset-password': m.admin_action_reset_password,
	'request-password-reset': m.admin_action_request_password_reset,
	'sign-in': m.admin_action_sign_in,
	'sign-out': m.admin_action_sign_out,
	revoke: m.admin_action_revoke,
	retry: m.admin_action_retry,
	'resend-invitation': m.admin_action_resend_invitation,
	restore: m.admin_action_restore,
	import: m.admin_action_import,
	merge: m.admin_action_merge,
	erase: m.admin_action_erase,
	'export-personal-data': m.admin_action_export_personal_data,
	'logo.set': m.admin_action_logo_set,
	'logo.remove': m.admin_action_logo_remove
};

export const actionLabel = (action: string) => actionLabels[action]?.() ?? action;

/** Where a recorded entity can be looked at, when it has a page. */
export function entityHref(type: string, id: string | null): string | null {
	if (!id) return null;
	const base: Record<string, string> = {
		organisation: '/organisations',
		person: '/people',
		cluster: '/clusters',
		user: '/admin/users',
		mail: '/admin/outbox'
	};
	return base[type] ? `${base[type]}/${id}` : null;
}

export const localeLabel = (locale: string) =>
	locale === 'en' ? m.language_en() : locale === 'fr' ? m.language_fr() : locale;
