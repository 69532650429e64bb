// The example workspace's projects: a dozen projects of the partners of the cluster's meeting report
// (20 October 2016) for the Mali HRP 2017, in the Early Recovery cluster, at every step of the
// workflow — what partners would have put in the online project system after the OPS training.
//
// ILLUSTRATIVE, all of it: these are not projects the organisations published. Titles, objectives and
// descriptions are written in our own words along the lines of the cluster's response strategy and of
// what each organisation is known to do (UNDP and state authority, NRC's legal assistance, WFP's food
// assistance for assets, IOM's community stabilisation, ACF's and Mercy Corps' livelihoods work).
// Budgets, people targeted and indicator targets are round numbers, plausible for the region and kept
// below the plan's targets; reviews, comments and decisions are invented to show the workflow. Every
// description says so to users.
//
// Places are the example's P-codes (data/mali-locations.ts), inside each organisation's presence
// (data/workspace.ts); activities and indicators are the example framework's codes (data/plan.ts);
// contacts are people of the example directory. The example plan has one cluster (ER), so no project
// spans two. NRC has no person in the directory: it appears as the implementing partner of a UNDP
// project rather than as an appealing organisation with a contact of its own.
import type { BudgetCategory, GenderAgeMarker, ReviewRecommendation } from '../../db/schema';
import type { SheetSection } from '../../projects/sheet-schema';
import type { ExamplePlanPlace, SexAgeCounts } from './plan';

/** Who opens the window, vets and decides: the cluster coordinator's account. */
export const EXAMPLE_COORDINATOR = 'coordination@example.org';

/**
 * The submission window of the ER cluster: opened after the OPS training of Friday 21 October 2016
 * (10:00 at NRC), until the report's deadline for partners' projects, 31 October.
 */
export const EXAMPLE_WINDOW = { openedAt: '2016-10-21T14:00:00Z', deadline: '2016-10-31' } as const;

/** What the sentence at the end of every description tells users. */
export const ILLUSTRATIVE_NOTE =
	"Projet illustratif de l'espace d'exemple de Concerto : ce n'est pas un projet publié par l'organisation.";

/** A place of the plan's regions, or one of the cercles where Mercy Corps works. */
export type ExampleProjectPlace = ExamplePlanPlace | 'ML0601' | 'ML0701';

export interface ExampleSheet {
	titleFr: string;
	titleEn?: string;
	objectives?: string;
	description?: string;
	startsOn?: string;
	endsOn?: string;
	genderAgeMarker?: GenderAgeMarker;
	/** Implementing partners, by organisation key (data/workspace.ts). */
	partners?: string[];
	/** Activities of the framework, by code; the sheet serves their cluster objectives. */
	activities?: string[];
	/** Targets by indicator code and place. */
	targets?: { indicator: string; place: ExampleProjectPlace; value: number }[];
	places?: { place: ExampleProjectPlace; peopleTargeted: number }[];
	/** People targeted by population group code, by the plan's sex and age groups. */
	beneficiaries?: { group: string; counts: SexAgeCounts }[];
	budgetLines?: { category: BudgetCategory; description: string; amountUsd: number }[];
	/** Contacts by e-mail, people of the example directory. */
	contacts?: string[];
}

/** Scores in the order of the default criteria (alignment, feasibility, cost, gender and age, coordination). */
export type ExampleScores = readonly [number | null, number | null, number | null, number | null, number | null];

/**
 * One thing that happens to a project, on a day of October–November 2016 (`on`, UTC = Bamako time).
 * Partners' moves are made by the project's editor, the cluster's by the coordinator.
 */
export type ExampleStep =
	| { on: string; step: 'create' }
	/** Saves the sheet: `first` the sheet of the first submission, else the sheet as it stands now. */
	| { on: string; step: 'fill'; sheet: 'first' | 'final' }
	| { on: string; step: 'submit' | 'start-review' | 'reopen' }
	| { on: string; step: 'assign'; reviewers: string[] }
	| {
			on: string;
			step: 'review';
			reviewer: string;
			scores: ExampleScores;
			comment: string;
			recommendation: ReviewRecommendation | null;
			/** Handed in; otherwise saved as it goes. */
			handIn: boolean;
	  }
	| { on: string; step: 'return'; comment: string; sections: Partial<Record<SheetSection, string>> }
	| { on: string; step: 'approve' | 'reject' | 'publish' | 'request-withdrawal'; comment: string };

export interface ExampleProject {
	/** The appealing organisation, by key (data/workspace.ts). */
	organisation: string;
	/** The account that enters the project: the organisation's focal point, or the coordinator for it. */
	editor: string;
	/** The sheet as it stands at the end of the story. */
	sheet: ExampleSheet;
	/** What the first submission had instead, for a project revised and submitted again. */
	firstSheet?: Partial<ExampleSheet>;
	story: ExampleStep[];
}

const ACF = 'acf@example.org';
const MERCY = 'mercycorps@example.org';
const COORD = EXAMPLE_COORDINATOR;

const description = (text: string) => `${text}\n\n${ILLUSTRATIVE_NOTE}`;

type ByPlace = Partial<Record<ExampleProjectPlace, number>>;
const entriesOf = (byPlace: ByPlace) => Object.entries(byPlace) as [ExampleProjectPlace, number][];

/** One indicator's targets, by place. */
const targetsOf = (indicator: string, byPlace: ByPlace): NonNullable<ExampleSheet['targets']> =>
	entriesOf(byPlace).map(([place, value]) => ({ indicator, place, value }));

const peopleTargetedIn = (byPlace: ByPlace): NonNullable<ExampleSheet['places']> =>
	entriesOf(byPlace).map(([place, peopleTargeted]) => ({ place, peopleTargeted }));

/** Dates of a project that runs from `startsOn` to the end of the plan's year. */
const runsFrom = (startsOn: string) => ({ startsOn, endsOn: '2017-12-31' });

/** A budget's last line: the indirect costs, about 7 % of the other lines; some sheets give the rate. */
const indirectCosts = (amountUsd: number, rate?: string) => ({
	category: 'support' as const,
	description: rate ? `Coûts indirects (${rate})` : 'Coûts indirects',
	amountUsd
});

/** A draft: created, then its sheet saved as it stands now. */
const drafted = (createdOn: string, filledOn: string): ExampleStep[] => [
	{ on: createdOn, step: 'create' },
	{ on: filledOn, step: 'fill', sheet: 'final' }
];

/** A draft, then submitted: created, filled in and submitted on these days. */
const submitted = (createdOn: string, filledOn: string, submittedOn: string): ExampleStep[] => [
	...drafted(createdOn, filledOn),
	{ on: submittedOn, step: 'submit' }
];

/** The coordinator starts the review, then assigns the reviewers. */
const reviewStarted = (startedOn: string, assignedOn: string, reviewers: string[]): ExampleStep[] => [
	{ on: startedOn, step: 'start-review' },
	{ on: assignedOn, step: 'assign', reviewers }
];

/** A reviewer's scores, recommendation and comment, handed in unless `handIn` is false. */
const review = (
	on: string,
	reviewer: string,
	scores: ExampleScores,
	recommendation: ReviewRecommendation | null,
	comment: string,
	handIn = true
): ExampleStep => ({ on, step: 'review', reviewer, scores, comment, recommendation, handIn });

/** In the order they were created, so that codes come out MLI-17/ER/0001 … 0012. */
export const EXAMPLE_PROJECTS: readonly ExampleProject[] = [
	{
		// MLI-17/ER/0001 — published.
		organisation: 'PNUD',
		editor: COORD,
		sheet: {
			titleFr:
				"Restauration de l'autorité de l'État : réhabilitation de bâtiments administratifs et appui aux " +
				'services déconcentrés dans le nord',
			titleEn:
				'Restoring state authority: rehabilitation of administrative buildings and support to ' +
				'decentralised services in the north',
			objectives:
				"Permettre le retour durable de l'administration dans les régions de Tombouctou, Gao, Kidal et " +
				'Ménaka en remettant en état les bâtiments publics et en donnant aux agents redéployés les moyens ' +
				'de travailler.',
			description: description(
				'Réhabilitation de douze bâtiments (mairies, préfectures, sous-préfectures) par des entreprises ' +
					'locales, équipement des services en mobilier, matériel informatique et énergie solaire, et ' +
					'formation des agents de retour à leur poste. Les travaux sont choisis avec les gouverneurs et ' +
					'coordonnés avec les autres acteurs de la stabilisation pour éviter les doublons.'
			),
			...runsFrom('2017-01-01'),
			genderAgeMarker: '2M',
			activities: ['A1.1.1', 'A1.1.2'],
			targets: [
				...targetsOf('I1.1.1.1', { ML06: 4, ML07: 4, ML08: 2, ML10: 2 }),
				...targetsOf('I1.1.2.1', { ML06: 80, ML07: 70, ML08: 30, ML10: 40 })
			],
			places: peopleTargetedIn({ ML06: 9000, ML07: 8000, ML08: 3000, ML10: 4000 }),
			beneficiaries: [
				{ group: 'returnees', counts: [2600, 2600, 2200, 2000, 600] },
				{ group: 'non-displaced', counts: [3640, 3640, 3080, 2800, 840] }
			],
			budgetLines: [
				{ category: 'contractual', description: 'Travaux de réhabilitation (12 bâtiments)', amountUsd: 1_300_000 },
				{
					category: 'equipment',
					description: 'Mobilier, matériel informatique et énergie solaire des services',
					amountUsd: 420_000
				},
				{ category: 'staff', description: 'Ingénieurs et chargés de projet', amountUsd: 280_000 },
				{ category: 'travel', description: 'Suivi des chantiers dans les quatre régions', amountUsd: 95_000 },
				{ category: 'operating', description: 'Bureaux de Tombouctou et de Gao', amountUsd: 148_000 },
				indirectCosts(157_000, '7 %')
			],
			contacts: ['babar.abdou.dicko@undp.org']
		},
		story: [
			...submitted('2016-10-21T15:00:00Z', '2016-10-24T10:00:00Z', '2016-10-25T09:00:00Z'),
			...reviewStarted('2016-10-27T09:00:00Z', '2016-10-27T09:30:00Z', [ACF, MERCY]),
			review(
				'2016-10-31T11:00:00Z',
				ACF,
				[5, 4, 3, 3, 4],
				'approve',
				"Projet central pour le retour de l'État. Préciser comment les bâtiments seront entretenus " +
					'après le projet.'
			),
			review(
				'2016-11-02T15:00:00Z',
				MERCY,
				[4, 4, 4, 3, 5],
				'approve',
				'Bonne coordination avec les autres acteurs de la stabilisation.'
			),
			{ on: '2016-11-07T16:00:00Z', step: 'approve', comment: "Approuvé par le comité d'examen du 7 novembre." },
			{ on: '2016-11-28T10:00:00Z', step: 'publish', comment: '' }
		]
	},
	{
		// MLI-17/ER/0002 — published.
		organisation: 'PNUD',
		editor: COORD,
		sheet: {
			titleFr:
				"Accès à la justice et à l'état civil des populations touchées par la crise : audiences foraines " +
				'et cliniques juridiques',
			titleEn: 'Access to justice and civil documentation for crisis-affected people: mobile courts and legal clinics',
			objectives:
				'Rapprocher la justice des déplacés, des retournés et des communautés hôtes, et leur permettre ' +
				"d'obtenir les actes d'état civil et les documents fonciers perdus pendant la crise.",
			description: description(
				'Audiences foraines tenues avec les tribunaux de première instance, cliniques juridiques ' +
					"tenues avec NRC (information, conseil et assistance juridique), prise en charge des frais d'actes " +
					"et de procédure pour les plus vulnérables. Les femmes et les personnes âgées sans pièce d'identité " +
					'sont accompagnées en priorité.'
			),
			...runsFrom('2017-02-01'),
			genderAgeMarker: '3M',
			partners: ['NRC'],
			activities: ['A1.1.3'],
			targets: targetsOf('I1.1.3.1', { ML06: 1500, ML07: 1200, ML05: 2100 }),
			places: peopleTargetedIn({ ML06: 1500, ML07: 1200, ML05: 2100 }),
			beneficiaries: [
				{ group: 'idp', counts: [420, 380, 700, 420, 80] },
				{ group: 'returnees', counts: [300, 280, 560, 340, 70] },
				{ group: 'host', counts: [260, 240, 430, 250, 70] }
			],
			budgetLines: [
				{ category: 'staff', description: 'Juristes et assistants juridiques (PNUD et NRC)', amountUsd: 310_000 },
				{ category: 'contractual', description: 'Audiences foraines avec les tribunaux', amountUsd: 180_000 },
				{ category: 'transfers', description: "Frais d'actes et de procédure pris en charge", amountUsd: 120_000 },
				{ category: 'travel', description: 'Déplacements des équipes mobiles', amountUsd: 85_000 },
				{ category: 'operating', description: 'Cliniques juridiques : locaux et fournitures', amountUsd: 99_500 },
				indirectCosts(55_500, '7 %')
			],
			contacts: ['babar.abdou.dicko@undp.org']
		},
		story: [
			...submitted('2016-10-21T15:30:00Z', '2016-10-25T11:00:00Z', '2016-10-26T10:00:00Z'),
			...reviewStarted('2016-10-27T09:00:00Z', '2016-10-27T09:40:00Z', [ACF, MERCY]),
			review(
				'2016-11-01T10:00:00Z',
				ACF,
				[5, 5, 4, 4, 4],
				'approve',
				'Besoin bien documenté ; le partenariat avec NRC évite les doublons.'
			),
			review(
				'2016-11-02T16:00:00Z',
				MERCY,
				[5, 4, 4, 5, 4],
				'approve',
				'Attention portée aux femmes et aux personnes âgées sans papiers : à garder.'
			),
			{ on: '2016-11-07T16:10:00Z', step: 'approve', comment: "Approuvé par le comité d'examen du 7 novembre." },
			{ on: '2016-11-28T10:00:00Z', step: 'publish', comment: '' }
		]
	},
	{
		// MLI-17/ER/0003 — returned, revised and submitted again: two versions.
		organisation: 'Mercy Corps',
		editor: MERCY,
		sheet: {
			titleFr: 'Emploi des jeunes et des femmes : formation professionnelle et insertion économique à Diré et Ansongo',
			titleEn: 'Jobs for young people and women: vocational training and economic integration in Diré and Ansongo',
			objectives:
				'Donner à des jeunes et à des femmes des cercles de Diré et Ansongo un métier et les moyens de ' +
				"s'installer, pour qu'ils tirent un revenu de leur travail.",
			description: description(
				'Orientation, formation dans des centres agréés (six mois), kit et subvention d’installation, puis ' +
					'suivi des jeunes installés pendant un an. Les filières sont choisies selon une étude des besoins ' +
					'du marché local ; une place sur deux au moins va à une femme.'
			),
			...runsFrom('2017-03-01'),
			genderAgeMarker: '3M',
			activities: ['A3.1.2', 'A3.1.3'],
			targets: [
				...targetsOf('I3.1.2.1', { ML0601: 350, ML0701: 300 }),
				...targetsOf('I3.1.3.1', { ML0601: 12, ML0701: 10 })
			],
			places: peopleTargetedIn({ ML0601: 1200, ML0701: 1000 }),
			beneficiaries: [
				{ group: 'host', counts: [0, 0, 520, 380, 0] },
				{ group: 'returnees', counts: [0, 0, 560, 440, 0] },
				{ group: 'idp', counts: [0, 0, 170, 130, 0] }
			],
			budgetLines: [
				{ category: 'staff', description: 'Équipe du projet et formateurs', amountUsd: 290_000 },
				{ category: 'contractual', description: 'Formations dans les centres agréés', amountUsd: 260_000 },
				{ category: 'transfers', description: "Kits et subventions d'installation", amountUsd: 330_000 },
				{ category: 'travel', description: 'Suivi des jeunes installés', amountUsd: 60_000 },
				{ category: 'operating', description: 'Bureaux, communications et sécurité', amountUsd: 88_000 },
				indirectCosts(72_000)
			],
			contacts: ['atraore@mercicorps.org', MERCY]
		},
		// The first submission counted more men than women and left out the installation of micro-enterprises.
		firstSheet: {
			genderAgeMarker: '2M',
			activities: ['A3.1.2'],
			targets: targetsOf('I3.1.2.1', { ML0601: 350, ML0701: 300 }),
			beneficiaries: [
				{ group: 'host', counts: [0, 0, 380, 520, 0] },
				{ group: 'returnees', counts: [0, 0, 400, 600, 0] },
				{ group: 'idp', counts: [0, 0, 120, 180, 0] }
			]
		},
		story: [
			{ on: '2016-10-21T16:00:00Z', step: 'create' },
			{ on: '2016-10-22T10:00:00Z', step: 'fill', sheet: 'first' },
			{ on: '2016-10-24T11:00:00Z', step: 'submit' },
			{ on: '2016-10-25T09:00:00Z', step: 'start-review' },
			{
				on: '2016-10-26T10:00:00Z',
				step: 'return',
				comment: 'Deux points à revoir avant le 31 octobre.',
				sections: {
					beneficiaries:
						"Les femmes ne font que 40 % des bénéficiaires alors que l'objectif annonce un projet pour les " +
						"jeunes et les femmes : revoyez la répartition ou l'objectif.",
					framework:
						"Les kits et subventions d'installation relèvent aussi de l'activité A3.1.3 : ajoutez-la, avec " +
						'une cible de microentreprises appuyées dans chaque cercle.'
				}
			},
			{ on: '2016-10-27T15:00:00Z', step: 'fill', sheet: 'final' },
			{ on: '2016-10-28T09:00:00Z', step: 'submit' }
		]
	},
	{
		// MLI-17/ER/0004 — under review, scored by both reviewers.
		organisation: 'OIM',
		editor: COORD,
		sheet: {
			titleFr: 'Stabilisation communautaire et cohésion sociale à Ménaka et Gao : dialogue et projets conjoints',
			titleEn: 'Community stabilisation and social cohesion in Ménaka and Gao: dialogue and joint projects',
			objectives:
				'Réduire les tensions entre déplacés, retournés et communautés hôtes en les faisant décider et ' +
				'travailler ensemble.',
			description: description(
				'Mise en place de comités de dialogue dans les communes, choix par ces comités de petits projets ' +
					"d'intérêt commun (points d'eau, marchés, espaces de jeunes) réalisés avec la main-d'œuvre locale, " +
					'activités culturelles et sportives entre communautés.'
			),
			...runsFrom('2017-01-01'),
			genderAgeMarker: '2M',
			activities: ['A1.2.1', 'A1.2.2'],
			targets: [
				...targetsOf('I1.2.1.1', { ML10: 6, ML07: 8 }),
				...targetsOf('I1.2.2.1', { ML10: 2400, ML07: 2800 })
			],
			places: peopleTargetedIn({ ML10: 3000, ML07: 3500 }),
			beneficiaries: [
				{ group: 'idp', counts: [560, 540, 520, 480, 100] },
				{ group: 'returnees', counts: [400, 380, 360, 320, 90] },
				{ group: 'host', counts: [720, 700, 620, 560, 150] }
			],
			budgetLines: [
				{ category: 'staff', description: 'Équipes de mobilisation communautaire', amountUsd: 420_000 },
				{ category: 'contractual', description: 'Projets communautaires conjoints', amountUsd: 560_000 },
				{ category: 'supplies', description: 'Matériel des comités et des activités', amountUsd: 95_000 },
				{ category: 'travel', description: 'Déplacements et escortes', amountUsd: 130_000 },
				{ category: 'operating', description: 'Bureaux de Gao et Ménaka', amountUsd: 197_000 },
				indirectCosts(98_000, '7 %')
			],
			contacts: ['nshinagawa@iom.int']
		},
		story: [
			...submitted('2016-10-24T09:00:00Z', '2016-10-26T14:00:00Z', '2016-10-28T10:00:00Z'),
			...reviewStarted('2016-11-01T09:00:00Z', '2016-11-01T09:30:00Z', [COORD, ACF]),
			review(
				'2016-11-04T10:00:00Z',
				COORD,
				[5, 4, 4, 3, 5],
				'approve',
				'Bien aligné sur la cohésion sociale ; les comités reprennent des structures existantes.'
			),
			review(
				'2016-11-07T11:00:00Z',
				ACF,
				[4, 3, 3, 3, 4],
				'revise',
				'La sécurité à Ménaka rend la faisabilité incertaine : préciser comment le projet sera suivi si ' +
					"l'accès est coupé."
			)
		]
	},
	{
		// MLI-17/ER/0005 — under review, one review handed in, the other under way.
		organisation: 'PAM',
		editor: COORD,
		sheet: {
			titleFr:
				"Résilience face aux aléas climatiques : récupération des terres et ouvrages contre les crues par " +
				"l'assistance alimentaire pour la création d'actifs",
			titleEn:
				'Resilience to climate hazards: land recovery and flood protection works through food assistance ' +
				'for assets',
			objectives:
				'Aider les ménages le long du fleuve à se protéger des crues et à remettre en culture des terres ' +
				'dégradées, tout en couvrant leurs besoins alimentaires pendant les travaux.',
			description: description(
				'Chantiers communautaires choisis avec les villages (demi-lunes, cordons pierreux, diguettes, ' +
					'drainage), participants soutenus par des vivres ou de l’argent, encadrement technique par ' +
					"l'ONG 3AG dans la région de Mopti et par les services techniques de l'État."
			),
			...runsFrom('2017-01-01'),
			genderAgeMarker: '2M',
			partners: ['ONG 3AG'],
			activities: ['A3.2.1', 'A3.2.2'],
			targets: [
				...targetsOf('I3.2.1.1', { ML06: 200, ML07: 150, ML05: 180 }),
				...targetsOf('I3.2.2.1', { ML06: 3, ML07: 3, ML05: 4 }),
				...targetsOf('I3.2.2.2', { ML06: 5000, ML07: 4000, ML05: 6000 })
			],
			places: peopleTargetedIn({ ML06: 6000, ML07: 5000, ML05: 7000 }),
			beneficiaries: [
				{ group: 'non-displaced', counts: [4300, 4200, 3600, 3300, 600] },
				{ group: 'returnees', counts: [540, 520, 450, 410, 80] }
			],
			budgetLines: [
				{ category: 'transfers', description: 'Vivres et argent pour les participants aux chantiers', amountUsd: 1_650_000 },
				{ category: 'supplies', description: 'Outils, semences et plants', amountUsd: 310_000 },
				{ category: 'contractual', description: 'Études techniques et encadrement (ONG 3AG)', amountUsd: 420_000 },
				{ category: 'staff', description: 'Personnel technique et de suivi', amountUsd: 380_000 },
				{ category: 'travel', description: 'Transport et suivi des chantiers', amountUsd: 130_000 },
				{ category: 'operating', description: 'Bureaux de terrain', amountUsd: 100_000 },
				indirectCosts(210_000)
			],
			contacts: ['moustapha.amadou@wfp.org']
		},
		story: [
			...submitted('2016-10-24T10:00:00Z', '2016-10-27T10:00:00Z', '2016-10-31T16:00:00Z'),
			...reviewStarted('2016-11-01T09:10:00Z', '2016-11-01T09:40:00Z', [COORD, MERCY]),
			review(
				'2016-11-08T10:00:00Z',
				COORD,
				[5, 4, 4, 3, 5],
				'approve',
				'Répond au scénario des crues du plan ; ouvrages à coordonner avec la protection civile.'
			),
			review(
				'2016-11-09T17:00:00Z',
				MERCY,
				[4, 4, 3, null, null],
				null,
				'À finir : vérifier la part des femmes parmi les participants aux chantiers.',
				false
			)
		]
	},
	{
		// MLI-17/ER/0006 — not approved.
		organisation: 'ONG 3AG',
		editor: COORD,
		sheet: {
			titleFr: 'Sécurisation foncière agricole et prévention des conflits fonciers dans la région de Mopti',
			objectives:
				'Prévenir les conflits autour de la terre en installant des commissions foncières villageoises et ' +
				'en sécurisant les droits des exploitants.',
			description: description(
				'Installation et formation de dix commissions foncières, cartographie participative des terres et ' +
					'des couloirs de passage, médiation des litiges et plaidoyer auprès des communes.'
			),
			...runsFrom('2017-03-01'),
			genderAgeMarker: '1M',
			activities: ['A1.2.1'],
			targets: targetsOf('I1.2.1.1', { ML05: 10 }),
			places: peopleTargetedIn({ ML05: 1500 }),
			beneficiaries: [{ group: 'non-displaced', counts: [220, 220, 470, 480, 110] }],
			budgetLines: [
				{ category: 'staff', description: 'Animateurs fonciers et juriste', amountUsd: 210_000 },
				{ category: 'contractual', description: 'Installation de dix commissions foncières', amountUsd: 150_000 },
				{ category: 'supplies', description: 'Cartographie participative et matériel', amountUsd: 90_000 },
				{ category: 'travel', description: 'Déplacements dans les communes', amountUsd: 60_000 },
				{ category: 'operating', description: 'Bureau de Mopti', amountUsd: 50_700 },
				indirectCosts(39_300)
			],
			contacts: ['boukaryguindo@gmail.com']
		},
		story: [
			...submitted('2016-10-25T09:00:00Z', '2016-10-27T11:00:00Z', '2016-10-28T11:00:00Z'),
			...reviewStarted('2016-11-01T09:20:00Z', '2016-11-01T09:50:00Z', [COORD, MERCY]),
			review(
				'2016-11-03T10:00:00Z',
				COORD,
				[2, 3, 1, 3, 3],
				'reject',
				"Sujet important, mais c'est un appui institutionnel de long terme ; coût par personne ciblée très élevé."
			),
			review(
				'2016-11-04T15:00:00Z',
				MERCY,
				[3, 3, 1, 3, 2],
				'revise',
				'Pourrait rejoindre un projet de cohésion sociale plus large comme partenaire.'
			),
			{
				on: '2016-11-08T16:00:00Z',
				step: 'reject',
				comment:
					"Non retenu pour le HRP 2017. Le comité reconnaît l'importance des commissions foncières, mais le " +
					"projet relève d'un appui institutionnel de long terme plutôt que de la réponse humanitaire, et son " +
					'coût par personne ciblée est bien au-dessus de la médiane du cluster. Le cluster propose à 3AG de le ' +
					'présenter aux financements de développement et de rejoindre comme partenaire un projet de cohésion ' +
					'sociale dans la région.'
			}
		]
	},
	{
		// MLI-17/ER/0007 — approved, to be published with the plan's next revision.
		organisation: 'PNUD',
		editor: COORD,
		sheet: {
			titleFr:
				"Relance de l'économie locale : filières agricoles, groupements de producteurs et microentreprises à " +
				'Mopti et Tombouctou',
			titleEn:
				'Reviving the local economy: agricultural value chains, producer groups and micro-enterprises in ' +
				'Mopti and Tombouctou',
			objectives:
				'Relancer les revenus des ménages vulnérables par des travaux à haute intensité de main-d’œuvre et ' +
				'par l’appui aux filières qui les emploient.',
			description: description(
				'Argent contre travail sur des infrastructures de marché et de stockage, puis appui aux groupements ' +
					'de producteurs et aux microentreprises (équipements de transformation, fonds de démarrage, ' +
					"accès au marché), avec l'ONG 3AG dans la région de Mopti."
			),
			...runsFrom('2017-01-01'),
			genderAgeMarker: '3M',
			partners: ['ONG 3AG'],
			activities: ['A3.1.1', 'A3.1.3'],
			targets: [
				...targetsOf('I3.1.1.1', { ML05: 1500, ML06: 1200 }),
				...targetsOf('I3.1.1.2', { ML05: 180_000, ML06: 144_000 }),
				...targetsOf('I3.1.3.1', { ML05: 40, ML06: 30 })
			],
			places: peopleTargetedIn({ ML05: 4000, ML06: 3500 }),
			beneficiaries: [
				{ group: 'non-displaced', counts: [900, 880, 1300, 1100, 220] },
				{ group: 'returnees', counts: [520, 500, 780, 660, 140] },
				{ group: 'idp', counts: [100, 100, 150, 130, 20] }
			],
			budgetLines: [
				{ category: 'transfers', description: 'Argent contre travail (2 700 participants)', amountUsd: 324_000 },
				{ category: 'transfers', description: 'Fonds de démarrage des groupements et microentreprises', amountUsd: 380_000 },
				{ category: 'equipment', description: 'Équipements de transformation et de stockage', amountUsd: 310_000 },
				{ category: 'staff', description: 'Personnel du projet', amountUsd: 340_000 },
				{ category: 'contractual', description: 'Partenaire de mise en œuvre (ONG 3AG)', amountUsd: 180_000 },
				{ category: 'travel', description: 'Missions de suivi', amountUsd: 70_000 },
				{ category: 'operating', description: 'Fonctionnement', amountUsd: 78_000 },
				indirectCosts(118_000, '7 %')
			],
			contacts: ['babar.abdou.dicko@undp.org']
		},
		story: [
			...submitted('2016-10-25T10:00:00Z', '2016-10-28T14:00:00Z', '2016-10-31T10:00:00Z'),
			...reviewStarted('2016-11-01T09:30:00Z', '2016-11-02T09:00:00Z', [ACF, MERCY]),
			review(
				'2016-11-14T10:00:00Z',
				ACF,
				[4, 4, 3, 4, 4],
				'approve',
				'Cohérent avec la stratégie ; bien articuler avec les projets de transferts des autres partenaires.'
			),
			review(
				'2016-11-16T11:00:00Z',
				MERCY,
				[5, 4, 4, 4, 3],
				'approve',
				'Filières bien choisies ; partager la liste des groupements appuyés avec le cluster.'
			),
			{
				on: '2016-11-29T15:00:00Z',
				step: 'approve',
				comment: 'Approuvé après la publication du 28 novembre : sera publié avec la révision suivante du plan.'
			}
		]
	},
	{
		// MLI-17/ER/0008 — returned for revision with comments on three sections, reopened for the partner.
		organisation: 'ACF',
		editor: ACF,
		sheet: {
			titleFr:
				"Relèvement des moyens d'existence des ménages vulnérables par l'argent contre travail et le transfert " +
				"d'actifs productifs à Tombouctou et Gao",
			titleEn:
				'Livelihood recovery of vulnerable households through cash for work and productive asset transfers in ' +
				'Tombouctou and Gao',
			objectives:
				'Rendre aux ménages déplacés et hôtes les plus vulnérables un revenu et des moyens de production ' +
				'après les pertes de la crise et des inondations.',
			description: description(
				'Travaux communautaires rémunérés (réhabilitation de pistes et de périmètres), puis transfert ' +
					"d'actifs (petit élevage, outils agricoles) aux ménages choisis avec les comités de ciblage, avec " +
					"un suivi de l'usage des actifs."
			),
			...runsFrom('2017-01-01'),
			genderAgeMarker: '2T',
			activities: ['A3.1.1'],
			targets: [
				...targetsOf('I3.1.1.1', { ML06: 1000, ML07: 800 }),
				...targetsOf('I3.1.1.2', { ML06: 120_000 })
			],
			places: peopleTargetedIn({ ML06: 2500, ML07: 2000 }),
			beneficiaries: [
				{ group: 'idp', counts: [620, 600, 560, 470, 0] },
				{ group: 'host', counts: [600, 580, 580, 490, 0] }
			],
			budgetLines: [
				{ category: 'staff', description: 'Personnel du projet', amountUsd: 361_000 },
				{ category: 'transfers', description: 'Argent contre travail (1 800 participants)', amountUsd: 216_000 },
				{ category: 'transfers', description: "Transferts d'actifs productifs", amountUsd: 180_000 },
				{ category: 'supplies', description: 'Outils et équipements des chantiers', amountUsd: 60_000 },
				{ category: 'travel', description: 'Déplacements', amountUsd: 40_000 },
				{ category: 'operating', description: 'Bases de Tombouctou et Gao', amountUsd: 31_000 },
				indirectCosts(62_000)
			],
			contacts: ['makeita@ml.acfpain.ml', ACF]
		},
		story: [
			...submitted('2016-10-25T11:00:00Z', '2016-10-27T16:00:00Z', '2016-10-28T15:00:00Z'),
			...reviewStarted('2016-11-01T09:40:00Z', '2016-11-01T10:00:00Z', [COORD, MERCY]),
			review(
				'2016-11-03T11:00:00Z',
				COORD,
				[4, 3, 2, 2, 4],
				'revise',
				'Utile, mais le budget et la répartition des bénéficiaires sont à revoir.'
			),
			review(
				'2016-11-04T09:00:00Z',
				MERCY,
				[4, 4, 3, 3, 4],
				'revise',
				'Ajouter la cible de Gao pour les montants transférés.'
			),
			{
				on: '2016-11-04T15:00:00Z',
				step: 'return',
				comment: '',
				sections: {
					framework:
						'Ajoutez une cible à Gao pour l’indicateur « Montant transféré aux ménages » : seul Tombouctou en a une.',
					beneficiaries:
						'Aucune personne âgée parmi les bénéficiaires alors que le projet cible les ménages les plus ' +
						'vulnérables : complétez la répartition par âge.',
					budget:
						'Le personnel fait 38 % du budget, ce qui est élevé pour de l’argent contre travail : précisez les ' +
						'postes ou réduisez-les, et détaillez les transferts (montant par ménage, nombre de jours).'
				}
			},
			// The deadline has passed: the coordinator lets this one project be submitted again.
			{ on: '2016-11-04T15:05:00Z', step: 'reopen' }
		]
	},
	{
		// MLI-17/ER/0009 — submitted on the last day, waiting for the review.
		organisation: 'ACF',
		editor: ACF,
		sheet: {
			titleFr: 'Restauration des terres dégradées et fixation des dunes autour des villages de la région de Tombouctou',
			titleEn: 'Restoring degraded land and fixing dunes around villages of the Tombouctou region',
			objectives:
				"Protéger les champs et les villages de l'ensablement et rendre à la culture des terres dégradées.",
			description: description(
				'Fixation mécanique et biologique des dunes, demi-lunes et reboisement réalisés en argent contre ' +
					'travail, pépinières villageoises, formation des comités de gestion des sites restaurés.'
			),
			startsOn: '2017-02-01',
			endsOn: '2017-11-30',
			genderAgeMarker: '1M',
			activities: ['A3.2.1'],
			targets: targetsOf('I3.2.1.1', { ML06: 250 }),
			places: peopleTargetedIn({ ML06: 3000 }),
			beneficiaries: [{ group: 'non-displaced', counts: [640, 620, 760, 800, 180] }],
			budgetLines: [
				{ category: 'transfers', description: 'Argent contre travail sur les sites', amountUsd: 240_000 },
				{ category: 'supplies', description: 'Plants, semences et petits outils', amountUsd: 110_000 },
				{ category: 'staff', description: 'Techniciens et personnel du projet', amountUsd: 190_000 },
				{ category: 'travel', description: 'Déplacements', amountUsd: 35_000 },
				{ category: 'operating', description: 'Base de Tombouctou', amountUsd: 79_200 },
				indirectCosts(45_800)
			],
			contacts: ['makeita@ml.acfpain.ml']
		},
		story: submitted('2016-10-26T09:00:00Z', '2016-10-28T16:00:00Z', '2016-10-31T12:00:00Z')
	},
	{
		// MLI-17/ER/0010 — submitted; the partner asks to withdraw it.
		organisation: 'Mercy Corps',
		editor: MERCY,
		sheet: {
			titleFr: 'Accès aux marchés et activités génératrices de revenus des femmes à Ansongo',
			titleEn: "Market access and women's income-generating activities in Ansongo",
			objectives: 'Augmenter les revenus des femmes du cercle d’Ansongo par le commerce et la transformation.',
			description: description(
				'Appui à des groupements de femmes (formation en gestion, fonds de démarrage, équipements de ' +
					'transformation) et mise en relation avec les commerçants des marchés hebdomadaires.'
			),
			...runsFrom('2017-01-15'),
			genderAgeMarker: '4T',
			activities: ['A3.1.3'],
			targets: targetsOf('I3.1.3.1', { ML0701: 25 }),
			places: peopleTargetedIn({ ML0701: 1500 }),
			beneficiaries: [
				{ group: 'host', counts: [0, 0, 780, 120, 0] },
				{ group: 'returnees', counts: [0, 0, 520, 80, 0] }
			],
			budgetLines: [
				{ category: 'transfers', description: 'Fonds de démarrage des groupements', amountUsd: 180_000 },
				{ category: 'staff', description: 'Personnel du projet', amountUsd: 120_000 },
				{ category: 'contractual', description: 'Formations en gestion et accès au marché', amountUsd: 70_000 },
				{ category: 'travel', description: 'Déplacements', amountUsd: 25_000 },
				{ category: 'operating', description: 'Fonctionnement', amountUsd: 25_600 },
				indirectCosts(29_400)
			],
			contacts: ['atraore@mercicorps.org']
		},
		story: [
			...submitted('2016-10-26T10:00:00Z', '2016-10-28T11:00:00Z', '2016-10-31T14:00:00Z'),
			{
				on: '2016-11-07T10:00:00Z',
				step: 'request-withdrawal',
				comment:
					'Ce projet vient d’obtenir un financement bilatéral hors du plan : nous demandons son retrait pour ' +
					'qu’il ne soit pas compté deux fois.'
			}
		]
	},
	{
		// MLI-17/ER/0011 — a draft nearly complete: only the contacts are missing.
		organisation: 'Mercy Corps',
		editor: MERCY,
		sheet: {
			titleFr: 'Dialogue communautaire et prévention des conflits entre agriculteurs et éleveurs dans le cercle de Diré',
			titleEn: 'Community dialogue and prevention of farmer–herder conflicts in the Diré cercle',
			objectives:
				'Prévenir les conflits liés aux ressources naturelles en réunissant agriculteurs et éleveurs autour ' +
				'de règles et d’ouvrages communs.',
			description: description(
				'Comités mixtes de dialogue, balisage concerté des couloirs de passage et des points d’eau, petits ' +
					'ouvrages décidés ensemble, médiation des litiges avec les autorités coutumières.'
			),
			...runsFrom('2017-03-01'),
			genderAgeMarker: '3M',
			activities: ['A1.2.1', 'A1.2.2'],
			targets: [...targetsOf('I1.2.1.1', { ML0601: 8 }), ...targetsOf('I1.2.2.1', { ML0601: 1200 })],
			places: peopleTargetedIn({ ML0601: 2000 }),
			beneficiaries: [
				{ group: 'non-displaced', counts: [260, 240, 500, 520, 80] },
				{ group: 'idp', counts: [60, 60, 130, 130, 20] }
			],
			budgetLines: [
				{ category: 'staff', description: 'Médiateurs et personnel du projet', amountUsd: 190_000 },
				{ category: 'contractual', description: 'Ouvrages décidés par les comités', amountUsd: 140_000 },
				{ category: 'supplies', description: 'Matériel des comités de dialogue', amountUsd: 45_000 },
				{ category: 'travel', description: 'Déplacements', amountUsd: 40_000 },
				{ category: 'operating', description: 'Fonctionnement', amountUsd: 71_000 },
				indirectCosts(34_000)
			]
		},
		story: drafted('2016-10-27T09:00:00Z', '2016-10-31T17:00:00Z')
	},
	{
		// MLI-17/ER/0012 — a draft just started: a title, an objective and dates.
		organisation: 'ACF',
		editor: ACF,
		sheet: {
			titleFr: 'Protection contre les crues et relance des cultures de décrue le long du fleuve (région de Gao)',
			objectives: 'Protéger les terres de décrue des villages riverains et y relancer les cultures.',
			...runsFrom('2017-04-01')
		},
		story: drafted('2016-10-31T09:00:00Z', '2016-10-31T10:00:00Z')
	}
];
