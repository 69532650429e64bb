// The example workspace's partner pipeline for the Early Recovery cluster (ER).
//
// Members: the partners of the meeting report of 20 October 2016, with their participant as focal point.
// Prospects, contacted and interested: ILLUSTRATIVE. The report's priority action "Identifier des nouvelles
// partenaires au niveau du gouvernement et de secteur privé … (Coordinateur CRP, 15 novembre)" names no
// organisation; the government services and private firms below are ones that plausibly work in early
// recovery in Mali, and the steps taken with them are invented to show the pipeline at work. Every step
// note of theirs says so.
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
	membership,
	membershipStep,
	organisation,
	person,
	user,
	type MembershipStage,
	type OrganisationType
} from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';

interface ExampleStep {
	stage: MembershipStage;
	/** YYYY-MM-DD, a day in 2016 around the meeting. */
	day: string;
	note: string;
}

export interface ExampleMembership {
	/** The key of an organisation of the report (workspace.ts) or of one below. */
	organisation: string;
	/** The e-mail of the organisation's participant at the meeting, its focal point for the cluster. */
	focalPoint: string | null;
	steps: ExampleStep[];
}

/** Government services and private firms the cluster approaches (illustrative, not from the report). */
export const EXAMPLE_PROSPECT_ORGANISATIONS: readonly {
	key: string;
	name: string;
	acronym: string | null;
	type: OrganisationType;
}[] = [
	{
		key: 'MSAH',
		name: "Ministère de la Solidarité et de l'Action humanitaire",
		acronym: 'MSAH',
		type: 'government'
	},
	{ key: 'DGPC', name: 'Direction générale de la Protection civile', acronym: 'DGPC', type: 'government' },
	{
		key: 'ANICT',
		name: "Agence nationale d'investissement des collectivités territoriales",
		acronym: 'ANICT',
		type: 'government'
	},
	{
		key: 'APEJ',
		name: "Agence pour la promotion de l'emploi des jeunes",
		acronym: 'APEJ',
		type: 'government'
	},
	{ key: 'CNPM', name: 'Conseil national du patronat du Mali', acronym: 'CNPM', type: 'private-sector' },
	{
		key: 'CCIM',
		name: "Chambre de commerce et d'industrie du Mali",
		acronym: 'CCIM',
		type: 'private-sector'
	},
	{ key: 'Orange Mali', name: 'Orange Mali', acronym: null, type: 'private-sector' }
];

const MEETING = '2016-10-20';
const member = (note: string): ExampleStep[] => [{ stage: 'member', day: MEETING, note }];
const present = 'Partenaire présent à la réunion du CRP du 20 octobre 2016 (compte rendu).';

const ILLUSTRATIVE = '[Exemple illustratif]';
const identified =
	`${ILLUSTRATIVE} Identifié pour l'action prioritaire du 20 octobre 2016 : de nouveaux partenaires ` +
	'du gouvernement et du secteur privé, avant le 15 novembre.';
const prospect = (lead: string): ExampleStep => ({
	stage: 'prospect',
	day: '2016-10-24',
	note: `${identified} Piste : ${lead}`
});

export const EXAMPLE_MEMBERSHIPS: readonly ExampleMembership[] = [
	{
		organisation: 'PNUD',
		focalPoint: 'moustapha.diallo@undp.org',
		steps: member('Chef de file du cluster ; a accueilli la réunion du 20 octobre 2016 (compte rendu).')
	},
	{ organisation: 'ONG 3AG', focalPoint: 'boukaryguindo@gmail.com', steps: member(present) },
	{ organisation: 'ACF', focalPoint: 'makeita@ml.acfpain.ml', steps: member(present) },
	{ organisation: 'OIM', focalPoint: 'nshinagawa@iom.int', steps: member(present) },
	{ organisation: 'PAM', focalPoint: 'moustapha.amadou@wfp.org', steps: member(present) },
	{ organisation: 'Mercy Corps', focalPoint: 'atraore@mercicorps.org', steps: member(present) },
	{
		organisation: 'NRC',
		focalPoint: null,
		steps: member('Partenaire cité au compte rendu : accueille la formation OPS du 21 octobre 2016.')
	},
	{
		organisation: 'MSAH',
		focalPoint: null,
		steps: [
			prospect('restauration des services sociaux de base et cohésion sociale dans le nord.'),
			{
				stage: 'contacted',
				day: '2016-10-31',
				note: `${ILLUSTRATIVE} Courrier de présentation du CRP remis au secrétariat général.`
			},
			{
				stage: 'interested',
				day: '2016-11-09',
				note: `${ILLUSTRATIVE} Souhaite désigner un point focal pour les réunions du CRP.`
			}
		]
	},
	{
		organisation: 'DGPC',
		focalPoint: null,
		steps: [
			prospect('gestion des risques de catastrophe (crue du Niger, inondations).'),
			{
				stage: 'contacted',
				day: '2016-11-03',
				note: `${ILLUSTRATIVE} Échange téléphonique ; documentation sur le CRP envoyée.`
			}
		]
	},
	{
		organisation: 'ANICT',
		focalPoint: null,
		steps: [prospect("réhabilitation d'infrastructures locales pour la restauration de l'autorité de l'État.")]
	},
	{
		organisation: 'APEJ',
		focalPoint: null,
		steps: [prospect('emploi des jeunes et des femmes.')]
	},
	{
		organisation: 'CNPM',
		focalPoint: null,
		steps: [
			prospect('besoins du marché et filières des produits agricoles.'),
			{
				stage: 'contacted',
				day: '2016-11-02',
				note: `${ILLUSTRATIVE} Rencontre avec le secrétariat permanent ; réponse attendue.`
			}
		]
	},
	{
		organisation: 'CCIM',
		focalPoint: null,
		steps: [prospect('appui aux entreprises des régions du nord.')]
	},
	{
		organisation: 'Orange Mali',
		focalPoint: null,
		steps: [prospect('transferts monétaires par téléphone mobile (cash transfer).')]
	}
];

/** The coordinator account records the steps, as the report makes the Coordinateur CRP responsible. */
const RECORDED_BY = 'coordination@example.org';

/**
 * Loads the pipeline into the example's transaction: the illustrative organisations, then each
 * membership with its steps, each record audited as the rest of the example is.
 */
export async function loadExamplePipeline(
	tx: Executor,
	{ clusterId, organisationIds }: { clusterId: string; organisationIds: ReadonlyMap<string, string> }
): Promise<{ organisations: number; memberships: number }> {
	const ids = new Map(organisationIds);
	for (const { key, ...values } of EXAMPLE_PROSPECT_ORGANISATIONS) {
		const [row] = await tx
			.insert(organisation)
			.values({ ...values, country: 'MLI' })
			.returning();
		ids.set(key, row!.id);
		await audit(tx, 'organisation', row!.id, row);
	}

	const [recorder] = await tx.select({ id: user.id }).from(user).where(eq(user.email, RECORDED_BY));
	const emails = EXAMPLE_MEMBERSHIPS.flatMap((e) => (e.focalPoint ? [e.focalPoint] : []));
	const people = await tx
		.select({ id: person.id, email: person.email })
		.from(person)
		.where(inArray(person.email, emails));

	for (const entry of EXAMPLE_MEMBERSHIPS) {
		const organisationId = ids.get(entry.organisation);
		if (!organisationId) throw new Error(`example pipeline: unknown organisation ${entry.organisation}`);
		const focalPointId = entry.focalPoint ? people.find((p) => p.email === entry.focalPoint)?.id : null;
		if (focalPointId === undefined) throw new Error(`example pipeline: nobody at ${entry.focalPoint}`);
		const first = new Date(entry.steps[0]!.day);
		const last = entry.steps.at(-1)!;
		const [row] = await tx
			.insert(membership)
			.values({
				organisationId,
				clusterId,
				stage: last.stage,
				focalPointId,
				createdAt: first,
				updatedAt: new Date(last.day)
			})
			.returning();
		const steps = await tx
			.insert(membershipStep)
			.values(
				entry.steps.map((s) => ({
					membershipId: row!.id,
					stage: s.stage,
					at: new Date(s.day),
					byUserId: recorder?.id ?? null,
					note: s.note
				}))
			)
			.returning();
		await audit(tx, 'membership', row!.id, { ...row, steps });
	}
	return { organisations: EXAMPLE_PROSPECT_ORGANISATIONS.length, memberships: EXAMPLE_MEMBERSHIPS.length };
}

function audit(tx: Executor, entityType: string, entityId: string, after: unknown) {
	return recordAudit(tx, null, { action: 'create', entityType, entityId, after });
}
