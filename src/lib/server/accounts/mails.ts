import { m } from '$lib/paraglide/messages';
import type { Locale } from '../i18n';
import type { Mail } from '../mail/outbox';

export function passwordResetMail(to: string, link: string, locale: Locale): Mail {
	return {
		to,
		subject: m.mail_reset_subject({}, { locale }),
		body: m.mail_reset_body({ link }, { locale })
	};
}

export function invitationMail(
	to: string,
	args: { name: string; inviter: string; link: string },
	locale: Locale
): Mail {
	return {
		to,
		subject: m.mail_invitation_subject({}, { locale }),
		body: m.mail_invitation_body(args, { locale })
	};
}
