// The example workspace's response plan: Mali — Humanitarian Response Plan 2017, with the Early
// Recovery cluster's part.
//
// From published sources (../shared/reference/facts.md): the plan's title, period, kind and headline
// figures (original plan of November 2016: 3.7 million in need, 1.36 million targeted, US$293 million),
// its launch on 9 February 2017. From the cluster's meeting report of 20 October 2016: the themes of the
// chapters (written here in our own words), the two needs revisions (the September HNO workshop; the
// targeted figures OCHA revised, due 25 October) and the lines of the framework.
//
// ILLUSTRATIVE: the wording of the strategic objectives, the cluster's objectives, activities,
// indicators, baselines and targets, and every needs figure. The Early Recovery cluster's own 2017
// figures were not found in public sources; the cluster's requirements are left blank for that reason.
// The chapters, the needs revisions' sources and notes say so to users.
//
// Places are the example's P-codes (OCHA's list valid from 2021-12-20), so Ménaka is the region ML10;
// in 2017 it was still the cercle ML0704 of Gao.
import type { ChapterKind, Disaggregation, IndicatorUnit, PeriodRule, PlaceRule } from '../../db/schema';

export const EXAMPLE_PLAN = {
	country: 'ML',
	year: 2017,
	kind: 'hrp',
	titleFr: 'Mali — Plan de réponse humanitaire 2017',
	titleEn: 'Mali — Humanitarian Response Plan 2017',
	startsOn: '2017-01-01',
	endsOn: '2017-12-31',
	peopleInNeed: 3_700_000,
	peopleTargeted: 1_360_000,
	requirementsUsd: '293000000',
	figuresSource:
		'Plan de réponse humanitaire Mali 2017, version originale de novembre 2016 (OCHA) : 3,7 millions ' +
		'de personnes dans le besoin, 1,36 million de personnes ciblées, 293 millions de dollars US. ' +
		'Plan lancé le 9 février 2017.',
	/** The HNO workshop of September 2016, where the plan's work began. */
	createdAt: '2016-09-30T12:00:00Z',
	/** The launch of the plan. */
	publishedAt: '2017-02-09T10:00:00Z'
} as const;

/** Who records the example's history (publication, needs revisions): the cluster coordinator's account. */
export const EXAMPLE_PLAN_RECORDER = 'coordination@example.org';

export interface ExampleChapter {
	kind: ChapterKind;
	titleFr: string;
	titleEn: string;
	bodyFr: string;
	bodyEn: string;
}

const REPORT_FR = 'Résumé du compte rendu de la réunion des partenaires du CRP du 20 octobre 2016.';
const REPORT_EN = "Summary of the ER cluster partners' meeting report of 20 October 2016.";

/** The Early Recovery cluster's chapters, in the order of the plan. */
export const EXAMPLE_CHAPTERS: readonly ExampleChapter[] = [
	{
		kind: 'needs-overview',
		titleFr: 'Aperçu des besoins',
		titleEn: 'Needs overview',
		bodyFr:
			"<p>À l'atelier HNO/HRP de septembre 2016, les partenaires du cluster ont examiné les besoins " +
			'humanitaires attendus en 2017 dans les régions du nord, repéré les principaux défis et tiré les ' +
			"leçons de leur action. Le narratif qui en est issu a été remis à OCHA dans les délais.</p>" +
			'<ul>' +
			'<li><strong>Où</strong> : les régions de Tombouctou, Gao, Kidal et Ménaka, et celle de Mopti au centre.</li>' +
			"<li><strong>Défis</strong> : une administration encore absente de nombreuses localités, une justice et " +
			'des services sociaux de base difficiles à atteindre, peu de travail pour les jeunes et les femmes, des ' +
			"liens entre communautés abîmés par la crise, des moyens d'existence emportés par les inondations.</li>" +
			"<li><strong>Leçon principale</strong> : appliquer vraiment l'approche intégrée, pour mieux coordonner " +
			'les interventions et les rendre plus efficaces.</li>' +
			'</ul>' +
			'<p>Les chiffres de personnes dans le besoin et ciblées, par région et groupe de population, figurent ' +
			"dans les besoins du cluster : ceux de l'exemple sont illustratifs.</p>" +
			`<p>${REPORT_FR}</p>`,
		bodyEn:
			'<p>At the HNO/HRP workshop of September 2016, the cluster partners reviewed the humanitarian needs ' +
			'expected in 2017 in the northern regions, singled out the main challenges and drew lessons from ' +
			'their work. The resulting narrative went to OCHA on time.</p>' +
			'<ul>' +
			'<li><strong>Where</strong>: the regions of Tombouctou, Gao, Kidal and Ménaka, and Mopti in the centre.</li>' +
			'<li><strong>Challenges</strong>: an administration still missing from many localities, justice and ' +
			'basic social services hard to reach, little work for young people and women, ties between ' +
			'communities damaged by the crisis, livelihoods swept away by floods.</li>' +
			'<li><strong>Main lesson</strong>: truly apply the integrated approach, to coordinate interventions ' +
			'better and make them more effective.</li>' +
			'</ul>' +
			'<p>The numbers of people in need and targeted, by region and population group, are in the ' +
			"cluster's needs: the example's are illustrative.</p>" +
			`<p>${REPORT_EN}</p>`
	},
	{
		kind: 'response-strategy',
		titleFr: 'Stratégie de réponse',
		titleEn: 'Response strategy',
		bodyFr:
			'<p>En 2017, le cluster concentre son action sur quelques axes :</p>' +
			'<ul>' +
			"<li><strong>Autorité de l'État</strong> : la restaurer en accompagnant le redéploiement de " +
			"l'administration dans le nord.</li>" +
			"<li><strong>Justice et services sociaux de base</strong> : en rouvrir l'accès aux populations.</li>" +
			"<li><strong>Relèvement économique</strong> : créer des emplois, d'abord pour les jeunes et les femmes.</li>" +
			"<li><strong>Cohésion sociale</strong> : la reconstruire là où la crise l'a le plus atteinte.</li>" +
			'</ul>' +
			"<p>Dans l'approche intégrée de stabilisation et de relèvement, ces interventions répondent aux besoins " +
			"de la transition vers le développement durable : elles font partie de l'assistance humanitaire et " +
			"font durer les acquis de l'urgence. Le cluster fait ainsi le lien entre urgence et relèvement ; " +
			"l'effet de ses activités sur la résilience des populations est au cœur de sa stratégie et guidera " +
			'la planification du relèvement à court, moyen et long terme.</p>' +
			"<p><strong>Exemple</strong> : les objectifs, activités, indicateurs et cibles du cadre sont " +
			'illustratifs ; ils suivent ces axes sans reproduire le plan publié.</p>' +
			`<p>${REPORT_FR}</p>`,
		bodyEn:
			'<p>In 2017 the cluster focuses on a few lines of work:</p>' +
			'<ul>' +
			"<li><strong>State authority</strong>: restore it by supporting the administration's return to the " +
			'north.</li>' +
			'<li><strong>Justice and basic social services</strong>: reopen access to them.</li>' +
			'<li><strong>Economic recovery</strong>: create jobs, for young people and women first.</li>' +
			'<li><strong>Social cohesion</strong>: rebuild it where the crisis hit it hardest.</li>' +
			'</ul>' +
			'<p>Within the integrated approach to stabilisation and recovery, this work meets the needs of the ' +
			'transition to sustainable development: it is part of humanitarian assistance and makes the gains ' +
			'of emergency action last. The cluster thus links emergency and recovery; the effect of its ' +
			"activities on people's resilience is at the heart of its strategy and will guide the planning of " +
			'recovery in the short, medium and long term.</p>' +
			'<p><strong>Example</strong>: the objectives, activities, indicators and targets of the framework ' +
			'are illustrative; they follow these lines without copying the published plan.</p>' +
			`<p>${REPORT_EN}</p>`
	},
	{
		kind: 'scenarios',
		titleFr: 'Scénarios « et si »',
		titleEn: '“What if” scenarios',
		bodyFr:
			'<p><strong>Et si les aléas climatiques frappent encore ?</strong> La montée de la crue du Niger et ' +
			"les inondations de 2016 ont déjà détruit les moyens d'existence de nombreuses communautés. Le plan " +
			'prévoit alors des interventions contre ces aléas en plus de ses activités :</p>' +
			'<ul>' +
			'<li>ouvrages de protection contre les crues, réalisés en argent contre travail ;</li>' +
			"<li>restauration de l'environnement et des terres dégradées ;</li>" +
			"<li>transferts d'actifs aux ménages qui ont perdu leurs moyens d'existence.</li>" +
			'</ul>' +
			`<p>${REPORT_FR} Mesures détaillées : illustratives.</p>`,
		bodyEn:
			'<p><strong>What if climate hazards strike again?</strong> The rising Niger and the 2016 floods have ' +
			'already destroyed the livelihoods of many communities. The plan then adds work against these ' +
			'hazards to its activities:</p>' +
			'<ul>' +
			'<li>flood protection works, built through cash for work;</li>' +
			'<li>restoration of the environment and of degraded land;</li>' +
			'<li>asset transfers to households that lost their livelihoods.</li>' +
			'</ul>' +
			`<p>${REPORT_EN} Detailed measures: illustrative.</p>`
	},
	{
		kind: 'section',
		titleFr: 'Facteurs clés au Sahel pour les projets des partenaires',
		titleEn: "Key Sahel factors for partners' projects",
		bodyFr:
			'<p>Les partenaires préparent leurs projets du HRP 2017 selon les objectifs, activités et indicateurs ' +
			"du plan de réponse sectoriel et les indications d'OCHA, en tenant compte de quatre facteurs propres " +
			'au Sahel :</p>' +
			'<ul>' +
			"<li>l'extrême pauvreté ;</li>" +
			'<li>les changements climatiques ;</li>' +
			"<li>l'extrémisme violent ;</li>" +
			'<li>la croissance démographique.</li>' +
			'</ul>' +
			'<p>Ces projets se coordonnent dans une approche intégrée : jeunesse et résilience, emploi, transferts ' +
			"monétaires et d'actifs, besoins du marché et filières agricoles, secteur privé, bâtiments et " +
			"infrastructures locales de l'État, restauration de l'environnement.</p>" +
			`<p>${REPORT_FR}</p>`,
		bodyEn:
			"<p>Partners prepare their HRP 2017 projects along the sectoral response plan's objectives, " +
			"activities and indicators and OCHA's guidance, taking four Sahel factors into account:</p>" +
			'<ul>' +
			'<li>extreme poverty;</li>' +
			'<li>climate change;</li>' +
			'<li>violent extremism;</li>' +
			'<li>population growth.</li>' +
			'</ul>' +
			'<p>These projects are coordinated in an integrated approach: youth and resilience, jobs, cash and ' +
			'asset transfers, market needs and agricultural value chains, the private sector, local state ' +
			'buildings and infrastructure, restoration of the environment.</p>' +
			`<p>${REPORT_EN}</p>`
	}
];

/** The regions the cluster's needs and targets are in: the north and Mopti in the centre. */
export const EXAMPLE_PLAN_PLACES = ['ML06', 'ML07', 'ML08', 'ML05', 'ML10'] as const;
export type ExamplePlanPlace = (typeof EXAMPLE_PLAN_PLACES)[number];

export interface ExampleIndicator {
	titleFr: string;
	titleEn: string;
	unit: IndicatorUnit;
	periodRule: PeriodRule;
	placeRule: PlaceRule;
	disaggregation: Disaggregation;
	baseline: number | null;
	/** The total as typed. */
	target: number | null;
	targets: Partial<Record<ExamplePlanPlace, number>>;
}

export interface ExampleActivity {
	titleFr: string;
	titleEn: string;
	/** Further cluster objectives it serves, by code. */
	alsoServes?: string[];
	indicators: ExampleIndicator[];
}

export interface ExampleClusterObjective {
	/** The number of the strategic objective that codes it (CO1.x under SO1). */
	strategicObjective: number;
	/** Further strategic objectives it serves, by number. */
	alsoServes?: number[];
	titleFr: string;
	titleEn: string;
	activities: ExampleActivity[];
}

/** The plan's strategic objectives, SO1… in this order (illustrative wording). */
export const EXAMPLE_STRATEGIC_OBJECTIVES: readonly { titleFr: string; titleEn: string }[] = [
	{
		titleFr:
			'Protéger les populations touchées par la crise et rétablir leur accès aux services sociaux de base',
		titleEn: 'Protect crisis-affected people and restore their access to basic social services'
	},
	{
		titleFr: "Fournir une assistance d'urgence intégrée pour sauver des vies et préserver les moyens d'existence",
		titleEn: 'Provide integrated emergency assistance to save lives and preserve livelihoods'
	},
	{
		titleFr: 'Renforcer la résilience des ménages et des communautés vulnérables face aux chocs',
		titleEn: 'Strengthen the resilience of vulnerable households and communities to shocks'
	}
];

const count = { unit: 'number', periodRule: 'sum', placeRule: 'sum', disaggregation: 'none' } as const;
const people = { unit: 'people', periodRule: 'sum', placeRule: 'sum' } as const;

/**
 * The Early Recovery cluster's framework (illustrative). Numbers follow the order here, so codes come
 * out CO1.1, A1.1.1, I1.1.1.1 …
 */
export const EXAMPLE_ER_OBJECTIVES: readonly ExampleClusterObjective[] = [
	{
		strategicObjective: 1,
		titleFr: "Restaurer l'autorité de l'État et l'accès à la justice et aux services sociaux de base",
		titleEn: 'Restore state authority and access to justice and basic social services',
		activities: [
			{
				titleFr:
					'Réhabiliter ou construire des bâtiments administratifs et des infrastructures locales ' +
					'(mairies, préfectures, tribunaux, centres de santé, écoles)',
				titleEn:
					'Rehabilitate or build administrative buildings and local infrastructure ' +
					'(town halls, prefectures, courts, health centres, schools)',
				indicators: [
					{
						titleFr: 'Bâtiments administratifs et infrastructures locales réhabilités ou construits',
						titleEn: 'Administrative buildings and local infrastructure rehabilitated or built',
						...count,
						baseline: 0,
						target: 60,
						targets: { ML06: 16, ML07: 14, ML08: 6, ML05: 16, ML10: 8 }
					}
				]
			},
			{
				titleFr:
					"Appuyer l'administration redéployée (équipement, formation des agents, fonctionnement des services)",
				titleEn: 'Support the redeployed administration (equipment, staff training, running costs)',
				indicators: [
					{
						titleFr: "Agents de l'État redéployés ayant reçu un équipement ou une formation",
						titleEn: 'Redeployed civil servants given equipment or training',
						...people,
						disaggregation: 'sex',
						baseline: 0,
						target: 1200,
						targets: { ML06: 300, ML07: 280, ML08: 120, ML05: 360, ML10: 140 }
					},
					{
						titleFr: "Part des communes ciblées où les services de l'État fonctionnent",
						titleEn: 'Share of targeted communes where state services are running',
						unit: 'percent',
						periodRule: 'latest',
						placeRule: 'average',
						disaggregation: 'none',
						baseline: 35,
						target: 60,
						targets: { ML06: 65, ML07: 60, ML08: 40, ML05: 75, ML10: 60 }
					}
				]
			},
			{
				titleFr: "Faciliter l'accès à la justice (audiences foraines, cliniques juridiques, aide juridictionnelle)",
				titleEn: 'Ease access to justice (mobile courts, legal clinics, legal aid)',
				indicators: [
					{
						titleFr: "Personnes ayant bénéficié d'une assistance juridique ou d'une audience foraine",
						titleEn: 'People who received legal assistance or a mobile court hearing',
						...people,
						disaggregation: 'sex-age',
						baseline: 0,
						target: 9000,
						targets: { ML06: 2200, ML07: 2000, ML08: 600, ML05: 3400, ML10: 800 }
					}
				]
			}
		]
	},
	{
		strategicObjective: 1,
		alsoServes: [3],
		titleFr: 'Renforcer la cohésion sociale au sein des communautés touchées par la crise et entre elles',
		titleEn: 'Strengthen social cohesion within and between crisis-affected communities',
		activities: [
			{
				titleFr:
					'Mettre en place des espaces de dialogue communautaire et des mécanismes locaux de gestion des conflits',
				titleEn: 'Set up community dialogue forums and local conflict management mechanisms',
				indicators: [
					{
						titleFr: 'Comités locaux de dialogue et de gestion des conflits en fonctionnement',
						titleEn: 'Local dialogue and conflict management committees running',
						...count,
						periodRule: 'latest',
						baseline: 20,
						target: 120,
						targets: { ML06: 30, ML07: 28, ML08: 10, ML05: 40, ML10: 12 }
					}
				]
			},
			{
				titleFr:
					'Soutenir des initiatives communautaires menées ensemble par déplacés, retournés et communautés hôtes',
				titleEn: 'Support community initiatives run jointly by displaced people, returnees and host communities',
				indicators: [
					{
						titleFr: 'Personnes participant à des initiatives communautaires conjointes',
						titleEn: 'People taking part in joint community initiatives',
						...people,
						disaggregation: 'sex',
						baseline: 0,
						target: 15000,
						targets: { ML06: 3800, ML07: 3500, ML08: 1000, ML05: 5200, ML10: 1500 }
					}
				]
			}
		]
	},
	{
		strategicObjective: 3,
		alsoServes: [2],
		titleFr: "Relancer l'économie locale par l'emploi des jeunes et des femmes",
		titleEn: 'Revive the local economy through jobs for young people and women',
		activities: [
			{
				titleFr: "Argent contre travail et transferts d'actifs productifs pour les ménages vulnérables",
				titleEn: 'Cash for work and transfers of productive assets to vulnerable households',
				indicators: [
					{
						titleFr: "Personnes ayant reçu de l'argent contre travail ou un transfert d'actifs",
						titleEn: 'People who received cash for work or an asset transfer',
						...people,
						disaggregation: 'sex-age',
						baseline: 0,
						target: 20000,
						targets: { ML06: 5000, ML07: 4600, ML08: 1400, ML05: 7000, ML10: 2000 }
					},
					{
						titleFr: 'Montant transféré aux ménages',
						titleEn: 'Amount transferred to households',
						...count,
						unit: 'usd',
						baseline: 0,
						target: 2_400_000,
						targets: { ML06: 600_000, ML07: 550_000, ML08: 170_000, ML05: 840_000, ML10: 240_000 }
					}
				]
			},
			{
				titleFr: 'Emploi des jeunes : formation professionnelle et insertion',
				titleEn: 'Youth employment: vocational training and job placement',
				indicators: [
					{
						titleFr: 'Jeunes et femmes formés à un métier puis installés ou employés',
						titleEn: 'Young people and women trained in a trade, then set up or employed',
						...people,
						disaggregation: 'sex',
						baseline: 0,
						// On purpose, the typed total (4 000) is not the sum of the targets per place (3 850): Kidal's
						// target was lowered from 400 to 250 and the total was not retyped. The framework page shows
						// the mismatch.
						target: 4000,
						targets: { ML06: 950, ML07: 900, ML08: 250, ML05: 1300, ML10: 450 }
					}
				]
			},
			{
				titleFr:
					'Soutenir les filières agricoles et le secteur privé local (groupements de producteurs, ' +
					'microentreprises, accès au marché)',
				titleEn:
					'Support agricultural value chains and the local private sector (producer groups, ' +
					'micro-enterprises, market access)',
				indicators: [
					{
						titleFr: 'Groupements de producteurs et microentreprises appuyés',
						titleEn: 'Producer groups and micro-enterprises supported',
						...count,
						baseline: 0,
						target: 300,
						targets: { ML06: 70, ML07: 65, ML08: 20, ML05: 110, ML10: 35 }
					}
				]
			}
		]
	},
	{
		strategicObjective: 3,
		titleFr: 'Renforcer la résilience des communautés face aux aléas climatiques (crue du Niger, inondations)',
		titleEn: "Strengthen communities' resilience to climate hazards (Niger floods)",
		activities: [
			{
				titleFr: "Restaurer l'environnement (reboisement, récupération des terres dégradées, fixation des dunes)",
				titleEn: 'Restore the environment (reforestation, recovery of degraded land, dune fixing)',
				indicators: [
					{
						titleFr: 'Hectares de terres dégradées restaurées',
						titleEn: 'Hectares of degraded land restored',
						...count,
						baseline: 0,
						target: 2500,
						targets: { ML06: 800, ML07: 700, ML08: 100, ML05: 750, ML10: 150 }
					}
				]
			},
			{
				titleFr:
					'Réaliser des ouvrages de protection contre les crues (digues, diguettes, drainage) en argent contre travail',
				titleEn: 'Build flood protection works (dykes, small dykes, drainage) through cash for work',
				// Cash for work: it also creates income, the economic recovery objective.
				alsoServes: ['CO3.1'],
				indicators: [
					{
						titleFr: 'Ouvrages de protection contre les crues réalisés ou réhabilités',
						titleEn: 'Flood protection works built or rehabilitated',
						...count,
						baseline: 0,
						target: 45,
						// Along the Niger only.
						targets: { ML06: 15, ML07: 14, ML05: 16 }
					},
					{
						titleFr: 'Personnes vivant dans des zones protégées contre les crues',
						titleEn: 'People living in areas protected from floods',
						...people,
						periodRule: 'max',
						disaggregation: 'sex-age',
						baseline: 0,
						target: 60000,
						targets: { ML06: 22000, ML07: 18000, ML05: 20000 }
					}
				]
			}
		]
	}
];

/** People by sex and age group, in the order of DEFAULT_SEX_AGE_GROUPS. */
export type SexAgeCounts = readonly [girls: number, boys: number, women: number, men: number, elderly: number];

export interface ExampleNeedRow {
	pcode: ExamplePlanPlace;
	/** A code of DEFAULT_POPULATION_GROUPS. */
	group: string;
	inNeed: SexAgeCounts;
	targeted: SexAgeCounts;
	/** The targeted figures of revision 2 where OCHA changed them; the others stay. */
	revisedTargeted?: SexAgeCounts;
}

export interface ExampleNeedRevision {
	source: string;
	sourceDate: string;
	note: string;
}

/** Revision 1 holds `targeted`, revision 2 `revisedTargeted` where given: only targeted figures change. */
export const EXAMPLE_NEED_REVISIONS: readonly [ExampleNeedRevision, ExampleNeedRevision] = [
	{
		source: 'HNO 2017 — atelier de septembre 2016 (chiffres illustratifs)',
		sourceDate: '2016-09-30',
		note:
			"Chiffres illustratifs de l'exemple : ceux du cluster Relèvement précoce pour 2017 n'ont pas été " +
			"trouvés dans les sources publiées. Analyse des besoins de l'atelier HNO/HRP de septembre 2016."
	},
	{
		source: 'Chiffres des personnes ciblées révisés par OCHA (chiffres illustratifs)',
		sourceDate: '2016-10-25',
		note:
			"Chiffres illustratifs de l'exemple. Révision des personnes ciblées annoncée à la réunion du CRP du " +
			'20 octobre 2016 (action prioritaire, échéance le 25 octobre) : ciblage réduit à Kidal, élargi aux ' +
			'retournés de Tombouctou et de Gao et aux déplacés de Ménaka ; les personnes dans le besoin ne ' +
			'changent pas.'
	}
];

/** The cluster's needs by region and population group (illustrative). */
export const EXAMPLE_NEEDS: readonly ExampleNeedRow[] = [
	{
		pcode: 'ML06',
		group: 'idp',
		inNeed: [3900, 4050, 3150, 3000, 900],
		targeted: [2340, 2430, 1890, 1800, 540]
	},
	{
		pcode: 'ML06',
		group: 'returnees',
		inNeed: [14300, 14850, 11550, 11000, 3300],
		targeted: [7870, 8170, 6350, 6050, 1820],
		revisedTargeted: [9300, 9650, 7510, 7150, 2140]
	},
	{
		pcode: 'ML06',
		group: 'host',
		inNeed: [10400, 10800, 8400, 8000, 2400],
		targeted: [3640, 3780, 2940, 2800, 840]
	},
	{
		pcode: 'ML06',
		group: 'non-displaced',
		inNeed: [28600, 29700, 23100, 22000, 6600],
		targeted: [5720, 5940, 4620, 4400, 1320]
	},
	{
		pcode: 'ML07',
		group: 'idp',
		inNeed: [2600, 2700, 2100, 2000, 600],
		targeted: [1560, 1620, 1260, 1200, 360]
	},
	{
		pcode: 'ML07',
		group: 'returnees',
		inNeed: [12480, 12960, 10080, 9600, 2880],
		targeted: [6860, 7130, 5540, 5280, 1580],
		revisedTargeted: [8110, 8420, 6550, 6240, 1870]
	},
	{
		pcode: 'ML07',
		group: 'host',
		inNeed: [9100, 9450, 7350, 7000, 2100],
		targeted: [3180, 3310, 2570, 2450, 740]
	},
	{
		pcode: 'ML07',
		group: 'non-displaced',
		inNeed: [31200, 32400, 25200, 24000, 7200],
		targeted: [6240, 6480, 5040, 4800, 1440]
	},
	{
		pcode: 'ML08',
		group: 'idp',
		inNeed: [1560, 1620, 1260, 1200, 360],
		targeted: [940, 970, 760, 720, 220],
		revisedTargeted: [560, 580, 450, 430, 130]
	},
	{
		pcode: 'ML08',
		group: 'returnees',
		inNeed: [2340, 2430, 1890, 1800, 540],
		targeted: [1290, 1340, 1040, 990, 300],
		revisedTargeted: [770, 800, 620, 590, 180]
	},
	{
		pcode: 'ML08',
		group: 'host',
		inNeed: [2080, 2160, 1680, 1600, 480],
		targeted: [730, 760, 590, 560, 170],
		revisedTargeted: [440, 450, 350, 340, 100]
	},
	{
		pcode: 'ML08',
		group: 'non-displaced',
		inNeed: [7800, 8100, 6300, 6000, 1800],
		targeted: [1560, 1620, 1260, 1200, 360],
		revisedTargeted: [940, 970, 760, 720, 220]
	},
	{
		pcode: 'ML05',
		group: 'idp',
		inNeed: [3120, 3240, 2520, 2400, 720],
		targeted: [1870, 1940, 1510, 1440, 430]
	},
	{
		pcode: 'ML05',
		group: 'returnees',
		inNeed: [4680, 4860, 3780, 3600, 1080],
		targeted: [2570, 2670, 2080, 1980, 590]
	},
	{
		pcode: 'ML05',
		group: 'host',
		inNeed: [11700, 12150, 9450, 9000, 2700],
		targeted: [4090, 4250, 3310, 3150, 940]
	},
	{
		pcode: 'ML05',
		group: 'non-displaced',
		inNeed: [41600, 43200, 33600, 32000, 9600],
		targeted: [8320, 8640, 6720, 6400, 1920]
	},
	{
		pcode: 'ML10',
		group: 'idp',
		inNeed: [2340, 2430, 1890, 1800, 540],
		targeted: [1400, 1460, 1130, 1080, 320],
		revisedTargeted: [1760, 1820, 1420, 1350, 400]
	},
	{
		pcode: 'ML10',
		group: 'returnees',
		inNeed: [1820, 1890, 1470, 1400, 420],
		targeted: [1000, 1040, 810, 770, 230]
	},
	{
		pcode: 'ML10',
		group: 'host',
		inNeed: [2600, 2700, 2100, 2000, 600],
		targeted: [910, 940, 740, 700, 210]
	},
	{
		pcode: 'ML10',
		group: 'non-displaced',
		inNeed: [7280, 7560, 5880, 5600, 1680],
		targeted: [1460, 1510, 1180, 1120, 340]
	}
];
