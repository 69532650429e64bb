/**
 * Erasing a person on request: their personal fields are blanked and the record stays, so that what
 * points at it (organisation, memberships they were focal point of, and later attendance, actions…)
 * keeps its shape — "a person of Mercy Corps attended", without saying who.
 *
 * The audit history is part of what is held about them: the events about the person keep their ids,
 * actions and times (who changed what, when), but the personal values in their before/after are
 * blanked, and so is the person's e-mail or phone wherever else the history quotes it (an event about
 * their former user account, the label of what they did while signed in). The erasure itself is
 * recorded without the erased values.
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Ctx } from '../context';
import type { Executor } from '../db/client';
import { auditEvent, person, attendance } from '../db/schema';
import { authorize } from '../access/policy';
import { recordAudit } from '../audit/record-audit';
import { ConflictError, NotFoundError } from '../errors';
import { isId } from './schema';
import { erasesPeople } from './records-policy';
import { m } from '$lib/paraglide/messages';

type PersonRow = typeof person.$inferSelect;

/** The fields that say who a person is, as they are after erasure. */
const ERASED_FIELDS = ['name', 'jobTitle', 'email', 'phone', 'languages'] as const;

/**
 * The name an erased person is shown with, in both languages, since the record is read in either:
 * "Personne effacée / Erased person". Pages may show `m.records_erased_name()` instead, by `erasedAt`.
 */
export function erasedName(): string {
	return `${m.records_erased_name({}, { locale: 'fr' })} / ${m.records_erased_name({}, { locale: 'en' })}`;
}

/** Texts of a person record that say nothing about who they are: kept in the history. */
const KEPT_TEXT = new Set([
	'id',
	'organisationId',
	'organisationName',
	'organisationAcronym',
	'userId',
	'erasedAt',
	'createdAt',
	'updatedAt'
]);

function erasedValues() {
	return { name: erasedName(), jobTitle: null, email: null, phone: null, languages: [] as string[] };
}

/** The person as the erasure confirmation shows them, with what would stop it. */
export async function getPersonForErase(ctx: Ctx, id: string) {
	authorize(ctx.actor, erasesPeople(ctx.actor));
	if (!isId(id)) throw new NotFoundError();
	const [row] = await ctx.db.select().from(person).where(eq(person.id, id));
	if (!row) throw new NotFoundError();
	return { person: row, blocker: eraseBlocker(ctx, row) };
}

function eraseBlocker(ctx: Ctx, row: PersonRow): string | null {
	if (row.erasedAt) return m.records_error_already_erased({}, { locale: ctx.locale });
	// The account holds the same name and e-mail, and signs in with them: an administrator removes it first.
	if (row.userId) return m.records_error_erase_account({}, { locale: ctx.locale });
	return null;
}

export async function erasePerson(ctx: Ctx, id: string): Promise<PersonRow> {
	authorize(ctx.actor, erasesPeople(ctx.actor));
	if (!isId(id)) throw new NotFoundError();
	return ctx.db.transaction(async (tx) => {
		const [before] = await tx.select().from(person).where(eq(person.id, id)).for('update');
		if (!before) throw new NotFoundError();
		const blocker = eraseBlocker(ctx, before);
		if (blocker) throw new ConflictError([{ path: '', message: blocker }]);
		const erasedAt = new Date();
		const [row] = await tx
			.update(person)
			.set({ ...erasedValues(), erasedAt, updatedAt: erasedAt })
			.where(eq(person.id, id))
			.returning();
		// The minutes keep who attended as they were that day: not once the person asks to be erased.
		await tx
			.update(attendance)
			.set({ name: erasedName(), function: '', email: null })
			.where(eq(attendance.personId, id));
		const scrubbed = await scrubHistory(tx, before);
		await recordAudit(tx, ctx.actor, {
			action: 'erase',
			entityType: 'person',
			entityId: id,
			before: { erasedFields: ERASED_FIELDS.filter((f) => isSet(before[f])) },
			after: { erasedAt, auditEventsScrubbed: scrubbed }
		});
		return row!;
	});
}

const isSet = (value: unknown) =>
	value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);

/**
 * Blanks the person in every audit event that holds their data; returns how many events changed.
 * Records merged into the person were the same person: their ids, e-mails and phones count too.
 * Reads the events about them by index, and the others that quote an id, e-mail or phone by a scan of
 * the history: an erasure is rare, and must miss nothing.
 */
async function scrubHistory(tx: Executor, before: PersonRow): Promise<number> {
	const self = await identitiesOf(tx, before);
	const quotes = (text: string) =>
		or(
			sql`position(${text} in lower(${auditEvent.before}::text)) > 0`,
			sql`position(${text} in lower(${auditEvent.after}::text)) > 0`
		);
	const events = await tx
		.select()
		.from(auditEvent)
		.where(
			or(
				and(eq(auditEvent.entityType, 'person'), inArray(auditEvent.entityId, [...self.ids])),
				...[...self.ids, ...self.emails, ...self.phones].map((text) => quotes(text.toLowerCase())),
				self.emails.size ? inArray(sql`lower(${auditEvent.actorLabel})`, [...self.emails]) : undefined
			)
		);
	let changed = 0;
	for (const event of events) {
		const aboutThem = event.entityType === 'person' && self.ids.has(event.entityId ?? '');
		const scrub = (value: unknown) => scrubValue(value, self, aboutThem);
		const next = {
			before: scrub(event.before),
			after: scrub(event.after),
			actorLabel: self.emails.has(event.actorLabel.toLowerCase()) ? erasedName() : event.actorLabel
		};
		const current = { before: event.before, after: event.after, actorLabel: event.actorLabel };
		if (JSON.stringify(next) === JSON.stringify(current)) continue;
		await tx.update(auditEvent).set(next).where(eq(auditEvent.id, event.id));
		changed++;
	}
	return changed;
}

interface Identities {
	ids: Set<string>;
	emails: Set<string>;
	phones: Set<string>;
}

/** The person's id, e-mail and phone, and those of the records merged into them (and into those). */
async function identitiesOf(tx: Executor, row: PersonRow): Promise<Identities> {
	const self: Identities = { ids: new Set([row.id]), emails: new Set(), phones: new Set() };
	const note = (email: unknown, phone: unknown) => {
		if (typeof email === 'string' && email.trim()) self.emails.add(email.trim().toLowerCase());
		if (typeof phone === 'string' && phone.trim()) self.phones.add(phone.trim());
	};
	note(row.email, row.phone);
	let frontier = [row.id];
	while (frontier.length) {
		const merges = await tx
			.select({ before: auditEvent.before, after: auditEvent.after })
			.from(auditEvent)
			.where(
				and(
					eq(auditEvent.entityType, 'person'),
					eq(auditEvent.action, 'merge'),
					inArray(auditEvent.entityId, frontier)
				)
			);
		frontier = [];
		for (const event of merges) {
			const mergedId = (event.after as { mergedId?: unknown } | null)?.mergedId;
			const merged = (event.before as { merged?: { email?: unknown; phone?: unknown } } | null)?.merged;
			note(merged?.email, merged?.phone);
			if (typeof mergedId === 'string' && !self.ids.has(mergedId)) {
				self.ids.add(mergedId);
				frontier.push(mergedId);
			}
		}
	}
	return self;
}

/**
 * A copy of an audit value with the person's data blanked: the personal fields of any object that is
 * the person (one of their ids, or the top of an event about them), their e-mails and phones anywhere.
 */
function scrubValue(value: unknown, self: Identities, isThePerson: boolean): unknown {
	if (typeof value === 'string') {
		let text = value;
		for (const email of self.emails) text = text.replace(new RegExp(escapeRegExp(email), 'gi'), '');
		for (const phone of self.phones) text = text.split(phone).join('');
		return text === value ? value : text.trim() === '' ? null : text;
	}
	if (Array.isArray(value)) return value.map((v) => scrubValue(v, self, false));
	if (value === null || typeof value !== 'object') return value;
	const object = value as Record<string, unknown>;
	const copy: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(object)) copy[key] = scrubValue(v, self, false);
	if (isThePerson || (typeof object.id === 'string' && self.ids.has(object.id))) {
		const blank = erasedValues();
		for (const field of ERASED_FIELDS) if (field in copy) copy[field] = blank[field];
		// Any other text of the record (a folded search column, a field added later) may repeat them.
		for (const [key, v] of Object.entries(copy))
			if (typeof v === 'string' && !KEPT_TEXT.has(key) && !(key in blank)) copy[key] = null;
	}
	return copy;
}

function escapeRegExp(text: string) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
