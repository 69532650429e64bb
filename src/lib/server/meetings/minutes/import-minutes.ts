/**
 * Takes in minutes a cluster already has — plain text or DOCX — as a draft meeting for its
 * coordinators to review. Nothing is saved: the draft is what the import read, with participants
 * matched to the directory where they are already in it.
 */
import { and, inArray, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../context';
import { organisation, person } from '../../db/schema';
import { decodeText } from '../../spreadsheets/decode-text';
import type { Upload } from '../../uploads/read-upload';
import type { MinutesDraft, ParticipantDraft } from './draft';
import { docxToText, NotDocxError } from './docx-text';
import { ValidationError } from '../../errors';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '../../i18n';
import { readMinutesText } from './read-text';
import { clusterForWrite } from '../meetings';

export async function importMinutes(
	ctx: Ctx,
	clusterCode: string,
	read: () => Promise<Upload>
): Promise<MinutesDraft> {
	await clusterForWrite(ctx, clusterCode);
	const { bytes } = await read();
	const text = isWordFile(bytes) ? readDocx(bytes, ctx.locale) : decodeText(bytes);
	const draft = readMinutesText(text, ctx.locale);
	return { ...draft, participants: await matchParticipants(ctx, draft.participants) };
}

function readDocx(bytes: Uint8Array, locale: Locale): string {
	try {
		return docxToText(bytes);
	} catch (error) {
		if (!(error instanceof NotDocxError)) throw error;
		const message =
			error.reason === 'legacy-or-protected'
				? m.minutes_error_legacy_doc({}, { locale })
				: error.reason === 'too-large'
					? m.minutes_error_docx_too_large({}, { locale })
					: m.minutes_error_not_docx({}, { locale });
		throw new ValidationError([{ path: 'file', message }]);
	}
}

/** A ZIP (DOCX) or an OLE container (Word 97–2003, or a password-protected DOCX). */
function isWordFile(bytes: Uint8Array) {
	return (bytes[0] === 0x50 && bytes[1] === 0x4b) || (bytes[0] === 0xd0 && bytes[1] === 0xcf);
}

/** Same e-mail, or the same name (accents and case aside) in the organisation the minutes name. */
async function matchParticipants(ctx: Ctx, people: ParticipantDraft[]): Promise<ParticipantDraft[]> {
	if (people.length === 0) return people;
	const names = people.map((p) => p.organisation);
	const organisations = await ctx.db
		.select({ id: organisation.id, name: organisation.name, acronym: organisation.acronym })
		.from(organisation)
		.where(
			or(
				inArray(
					sql`concerto_fold(${organisation.acronym})`,
					names.map((n) => sql`concerto_fold(${n})`)
				),
				inArray(
					sql`concerto_fold(${organisation.name})`,
					names.map((n) => sql`concerto_fold(${n})`)
				)
			)
		);
	const emails = people.flatMap((p) => (p.email ? [p.email] : []));
	const known = await ctx.db
		.select({ id: person.id, name: person.name, email: person.email, organisationId: person.organisationId })
		.from(person)
		.where(
			and(
				sql`${person.erasedAt} is null`,
				or(
					emails.length ? inArray(sql`lower(${person.email})`, emails) : sql`false`,
					inArray(
						sql`concerto_fold(${person.name})`,
						people.map((p) => sql`concerto_fold(${p.name})`)
					)
				)
			)
		);
	const fold = (text: string | null) =>
		(text ?? '')
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.trim();
	return people.map((p) => {
		const org = organisations.find(
			(o) => fold(o.acronym) === fold(p.organisation) || fold(o.name) === fold(p.organisation)
		);
		const match =
			known.find((k) => p.email && k.email?.toLowerCase() === p.email) ??
			known.find((k) => fold(k.name) === fold(p.name) && (!org || k.organisationId === org.id));
		return { ...p, personId: match?.id ?? null, organisationId: org?.id ?? match?.organisationId ?? null };
	});
}
