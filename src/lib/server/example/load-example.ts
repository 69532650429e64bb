import { count } from 'drizzle-orm';
import type { Database, Executor } from '../db/client';
import { cluster, location, organisation, organisationLocation, person, setting, user } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { auditCreated } from './audit-created';
import { insertUser } from '../accounts/users';
import {
	EXAMPLE_ACCOUNT_PEOPLE,
	EXAMPLE_CLUSTER,
	EXAMPLE_ORGANISATIONS,
	EXAMPLE_DUPLICATE_ORGANISATION,
	EXAMPLE_PARTICIPANTS,
	EXAMPLE_PRESENCE
} from './data/workspace';
import { MALI_LOCATIONS } from './data/mali-locations';
import { loadExamplePipeline } from './data/memberships';
import { loadExamplePlan } from './load-plan';
import { loadExampleMeeting } from './load-meeting';
import { loadExampleProjects } from './load-projects';
import { readConfig } from '../config';

/** The example's sign-in accounts; also listed in README.md. */
export const EXAMPLE_ACCOUNTS = [
	{ email: 'admin@example.org', password: 'concerto-admin', role: 'administrator' },
	{ email: 'coordination@example.org', password: 'concerto-crp', role: 'coordinator, ER (CRP)' },
	{ email: 'acf@example.org', password: 'concerto-acf', role: 'focal point, ACF' },
	{ email: 'mercycorps@example.org', password: 'concerto-mercy', role: 'focal point, Mercy Corps' }
] as const;

/** The example loads only into an empty database, so that it never duplicates or mixes with real data. */
export class ExampleNotEmptyError extends Error {
	constructor(readonly counts: Record<string, number>) {
		const held = Object.entries(counts)
			.filter(([, n]) => n > 0)
			.map(([table, n]) => `${table}: ${n}`)
			.join(', ');
		super(
			`The database already holds data (${held}): the example workspace loads only into an empty database.`
		);
	}
}

export interface ExampleSummary {
	organisations: number;
	people: number;
	locations: number;
	users: number;
	plans: number;
	meetings: number;
	projects: number;
}

/**
 * Loads the example workspace "Mali — Cluster Relèvement Précoce" in one transaction, with an audit
 * event for every record it creates. Its mail never leaves the outbox (setting `mail.hold`, set first
 * so that the mail of the projects' workflow stays there too): the directory holds real people's
 * addresses. `publicUrl` is where the links of that mail point.
 */
export async function loadExample(
	db: Database,
	{ publicUrl = readConfig().publicUrl }: { publicUrl?: string } = {}
): Promise<ExampleSummary> {
	return db.transaction(async (tx) => {
		// Waits for (and then refuses after) a first administrator being created at the same moment.
		await tx.execute('lock table "user", "organisation" in exclusive mode');
		await assertEmpty(tx);

		for (const values of [
			{ key: 'mail.hold', value: true },
			{ key: 'example.loaded', value: { workspace: 'mali-crp', at: new Date().toISOString() } }
		]) {
			const [row] = await tx
				.insert(setting)
				.values(values)
				.onConflictDoUpdate({ target: setting.key, set: { value: values.value, updatedAt: new Date() } })
				.returning();
			await auditCreated(tx, 'setting', row!.key, row);
		}

		const organisationIds = new Map<string, string>();
		for (const { key, ...values } of EXAMPLE_ORGANISATIONS) {
			const [row] = await tx.insert(organisation).values(values).returning();
			organisationIds.set(key, row!.id);
			await auditCreated(tx, 'organisation', row!.id, row);
		}
		const orgId = (key: string) => {
			const id = organisationIds.get(key);
			if (!id) throw new Error(`example data: unknown organisation ${key}`);
			return id;
		};

		const [clusterRow] = await tx
			.insert(cluster)
			.values({
				code: EXAMPLE_CLUSTER.code,
				nameFr: EXAMPLE_CLUSTER.nameFr,
				nameEn: EXAMPLE_CLUSTER.nameEn,
				leadOrganisationId: orgId(EXAMPLE_CLUSTER.lead)
			})
			.returning();
		await auditCreated(tx, 'cluster', clusterRow!.id, clusterRow);

		const locationIds = new Map<string, string>();
		for (const place of MALI_LOCATIONS) {
			const parentId = place.parent === null ? null : locationIds.get(place.parent);
			if (parentId === undefined) throw new Error(`example data: ${place.pcode} comes before its parent`);
			const [row] = await tx
				.insert(location)
				.values({
					pcode: place.pcode,
					name: place.name,
					level: place.level,
					parentId,
					validFrom: place.validFrom
				})
				.returning();
			locationIds.set(place.pcode, row!.id);
			await auditCreated(tx, 'location', row!.id, row);
		}

		for (const [key, pcodes] of Object.entries(EXAMPLE_PRESENCE)) {
			const values = pcodes.map((pcode) => ({
				organisationId: orgId(key),
				locationId: locationIds.get(pcode)!
			}));
			await tx.insert(organisationLocation).values(values);
			await recordAudit(tx, null, {
				action: 'update',
				entityType: 'organisation',
				entityId: orgId(key),
				after: { places: pcodes }
			});
		}
		const [duplicate] = await tx.insert(organisation).values(EXAMPLE_DUPLICATE_ORGANISATION).returning();
		await auditCreated(tx, 'organisation', duplicate!.id, duplicate);

		const people = [
			...EXAMPLE_PARTICIPANTS,
			...EXAMPLE_ACCOUNT_PEOPLE.map((p) => ({
				organisation: p.organisation,
				name: p.name,
				jobTitle: p.jobTitle,
				email: p.email
			}))
		];
		for (const p of people) {
			const [row] = await tx
				.insert(person)
				.values({
					name: p.name,
					jobTitle: p.jobTitle,
					email: p.email,
					organisationId: p.organisation === null ? null : orgId(p.organisation)
				})
				.returning();
			await auditCreated(tx, 'person', row!.id, row);
		}

		// insertUser links each account to the person above with the same address, and audits it.
		for (const account of EXAMPLE_ACCOUNT_PEOPLE) {
			const { password } = EXAMPLE_ACCOUNTS.find((a) => a.email === account.email)!;
			const grant = account.grant;
			await insertUser(
				tx,
				null,
				{
					email: account.email,
					name: account.name,
					locale: 'fr',
					password,
					grants: [
						{
							role: grant.role,
							clusterId: 'cluster' in grant ? clusterRow!.id : null,
							organisationId: 'organisation' in grant ? orgId(grant.organisation) : null
						}
					]
				},
				'fr'
			);
		}

		const pipeline = await loadExamplePipeline(tx, { clusterId: clusterRow!.id, organisationIds });
		const plans = await loadExamplePlan(tx, { clusterId: clusterRow!.id, locationIds });
		const meetings = await loadExampleMeeting(tx, { clusterId: clusterRow!.id, orgId });
		const projects = await loadExampleProjects(tx, { clusterId: clusterRow!.id, orgId, publicUrl });

		return {
			organisations: EXAMPLE_ORGANISATIONS.length + 1 + pipeline.organisations,
			people: people.length,
			locations: MALI_LOCATIONS.length,
			users: EXAMPLE_ACCOUNT_PEOPLE.length,
			plans: plans.plans,
			meetings: meetings.meetings,
			projects: projects.projects
		};
	});
}

async function assertEmpty(db: Executor) {
	const tables = {
		users: user,
		organisations: organisation,
		people: person,
		clusters: cluster,
		locations: location
	};
	const counts: Record<string, number> = {};
	for (const [name, table] of Object.entries(tables)) {
		const [row] = await db.select({ n: count() }).from(table);
		counts[name] = row?.n ?? 0;
	}
	if (Object.values(counts).some((n) => n > 0)) throw new ExampleNotEmptyError(counts);
}
