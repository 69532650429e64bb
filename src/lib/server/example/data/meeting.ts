// The example workspace's meeting: the Early Recovery cluster's partners meeting of 20 October 2016
// (../shared/reference/compte-rendu-crp-2016-10-20.txt), as the minutes importer reads it.
//
// Facts as the report gives them: title, day, time and place, the agenda's subjects in their order and
// sections, the actions with who and when, and the participants (data/workspace.ts). The objectives,
// the agenda's contexts and statuses, lessons, consensus and perspectives are summarised in our own
// words. The calendar: the OPS training (Friday 21 October, 10:00, NRC office, from the agenda) and
// the close of project submissions (31 October, the due date of the projects action); the quarterly
// work plan the perspectives ask for is ILLUSTRATIVE, drawn from the report's actions.

export const EXAMPLE_MEETING = {
	title: 'Compte rendu de la réunion des partenaires du Cluster Relèvement Précoce',
	kind: 'cluster-meeting',
	heldOn: '2016-10-20',
	startTime: '14:30',
	place: 'PNUD',
	objectives:
		'<p>Les ONG et les agences des Nations Unies du cluster travaillent ensemble à la reconstruction du nord ' +
		'du Mali, pour des interventions de meilleure qualité et un espace de coordination et de dialogue.</p>' +
		'<p>La réunion devait présenter le nouveau coordinateur, revenir sur l’atelier HNO/HRP et préparer les ' +
		'étapes suivantes de l’HRP 2017 : narratif HNO, stratégie de réponse, activités de l’ORS, formation à ' +
		'l’OPS et calendrier interne.</p>'
} as const;

export interface ExampleAgendaItem {
	section: string | null;
	subject: string;
	context: string;
	status: string;
}

export const EXAMPLE_AGENDA: readonly ExampleAgendaItem[] = [
	{
		section: null,
		subject: 'Présentation du Coordinateur du CRP',
		context: '<p>Le nouveau coordinateur du cluster est présenté aux membres.</p>',
		status: ''
	},
	{
		section: null,
		subject: 'Présentation des lignes du narratif du HNO qui ont été élaboré pour le CRP',
		context:
			'<p>À l’atelier HNO/HRP de septembre, les partenaires ont analysé les besoins de 2017 dans le nord, ' +
			'les principaux défis et les leçons apprises.</p>',
		status: '<p>Narratif HNO remis à OCHA dans les délais.</p>'
	},
	{
		section: null,
		subject: 'Discussion sur la stratégie de réponse (partie sectorielle et what if)',
		context:
			'<p>En 2017, le cluster vise le retour de l’administration et de l’autorité de l’État (justice, services ' +
			'sociaux de base), le relèvement économique par l’emploi des jeunes et des femmes, et la cohésion ' +
			'sociale.</p><p>La stratégie fait le lien entre l’urgence et le développement durable en misant sur la ' +
			'résilience ; elle prend aussi en compte les aléas climatiques, dont la crue du Niger et les ' +
			'inondations récentes.</p>',
		status: '<p>Narratif HRP remis à OCHA dans les délais.</p>'
	},
	{
		section: null,
		subject: "Révision des activités proposées sur l'ORS",
		context:
			'<p>Le plan de réponse sectoriel (ORS) s’appuie sur l’atelier de septembre ; objectifs, activités et ' +
			'indicateurs ont été revus avec OCHA. Les chiffres des personnes ciblées sont en cours de révision ' +
			'par OCHA.</p>',
		status: '<p>ORS remis à OCHA dans les délais.</p>'
	},
	{
		section: null,
		subject: 'Discussion sur la soumission des projets des partenaires',
		context:
			'<p>Les partenaires sont invités à préparer des projets alignés sur les objectifs, activités et ' +
			'indicateurs de l’ORS, en tenant compte de trois facteurs propres au Sahel : <i>extrême pauvreté</i>, ' +
			'<i>changement climatique</i> et <i>extrémisme violent</i>.</p><p>Priorités : une approche intégrée ' +
			'(jeunesse et résilience, emploi, transferts monétaires et d’actifs, filières agricoles, secteur ' +
			'privé), la réhabilitation des bâtiments publics locaux et la restauration de l’environnement.</p>',
		status: '<p>Les documents de l’ORS et les consignes d’OCHA sont disponibles.</p>'
	},
	{
		section: null,
		subject: 'Formation pour la soumission des projets sur le OPS (Online Project System)',
		context:
			'<p>Formation le vendredi 21 octobre à 10 h au bureau de NRC. L’OPS sert à saisir en ligne les ' +
			'projets du HRP.</p>',
		status: '<p>OCHA fournit les supports de formation.</p>'
	},
	{
		section: null,
		subject: "Élaboration d'un calendrier interne pour l'HRP 2017",
		context: '<p>Le coordinateur a préparé un calendrier de travail des prochaines étapes de l’HRP 2017.</p>',
		status: '<p>Un projet de calendrier existe.</p>'
	},
	{
		section: 'Divers',
		subject: 'ICCT et GCCS',
		context:
			'<p>L’<i>International Centre for Counter-Terrorism</i> et le <i>Global Center on Cooperative ' +
			'Security</i> mènent un programme de 24 mois sur la réhabilitation et la réinsertion des ' +
			'délinquants extrémistes violents et des combattants terroristes étrangers au Sahel-Maghreb.</p>' +
			'<p>Ils consultent la société civile et les services de l’État au moyen d’un questionnaire : ' +
			'programmes existants, rôle de chacun, manques de capacités, priorités et recommandations.</p>',
		status: '<p>Questionnaire à transmettre aux partenaires.</p>'
	},
	{
		section: 'Divers',
		subject: 'Nouvelles partenaires pour le CRP',
		context:
			'<p>Pour un cluster plus actif entre humanitaire et développement, il faut approcher les services ' +
			'de l’État, le secteur privé et d’autres acteurs que les agences et les ONG.</p>',
		status: ''
	}
];

export const EXAMPLE_LESSONS = [
	'Se concentrer sur la mise en œuvre de l’approche intégrée pour mieux coordonner les interventions et en accroître l’efficacité.'
];

export const EXAMPLE_CONSENSUS = [
	'Mettre en commun les efforts de préparation des projets pour l’OPS, outil complet et mandaté par OCHA, qui pourrait être rendu plus simple et plus lisible pour les partenaires.',
	'Privilégier les projets qui mettent en œuvre l’approche intégrée tout en préparant un développement durable.'
];

export const EXAMPLE_PERSPECTIVES = [
	'Élaborer un plan trimestriel du cluster à partir des besoins et des propositions des partenaires.',
	'Poursuivre le travail commun pour mutualiser les ressources et harmoniser les approches.',
	'Associer les acteurs nationaux, les services de l’État et le secteur privé, notamment sur les solutions durables et la gestion des risques de catastrophe.'
];

export interface ExampleAction {
	description: string;
	/** As the report writes who answers for it. */
	responsible: string;
	/** The organisation that answers for it in the directory, when there is one. */
	organisation: string | null;
	dueOn: string;
	/** The subject of the agenda item it came from. */
	agendaSubject: string;
}

export const EXAMPLE_ACTIONS: readonly ExampleAction[] = [
	{
		description: 'Participer à la formation OPS du vendredi 21 octobre 2016.',
		responsible: 'Partenaires du CRP',
		organisation: null,
		dueOn: '2016-10-21',
		agendaSubject: 'Formation pour la soumission des projets sur le OPS (Online Project System)'
	},
	{
		description: 'Réviser les chiffres des personnes ciblées et partager les données.',
		responsible: 'Coordinateur CRP',
		organisation: 'PNUD',
		dueOn: '2016-10-25',
		agendaSubject: "Révision des activités proposées sur l'ORS"
	},
	{
		description:
			'Élaborer les projets pour l’HRP 2017 selon les objectifs, activités et indicateurs de l’ORS et les consignes d’OCHA.',
		responsible: 'Partenaires du CRP avec l’appui du Coordinateur CRP',
		organisation: null,
		dueOn: '2016-10-31',
		agendaSubject: 'Discussion sur la soumission des projets des partenaires'
	},
	{
		description:
			'Identifier de nouveaux partenaires dans l’administration et le secteur privé pour élargir le dialogue sur le relèvement précoce.',
		responsible: 'Coordinateur CRP',
		organisation: 'PNUD',
		dueOn: '2016-11-15',
		agendaSubject: 'Nouvelles partenaires pour le CRP'
	}
];

export const EXAMPLE_EVENTS = [
	{
		kind: 'training',
		title: 'Formation OPS (Online Project System) pour les partenaires du CRP',
		startsOn: '2016-10-21',
		startTime: '10:00',
		place: 'Bureau de NRC',
		notes: 'Saisie des projets du HRP 2017 dans l’OPS ; supports fournis par OCHA.'
	}
	// The 31 October deadline is the ER submission window's (example/data/projects.ts): the calendar
	// shows it from there.
] as const;

/** ILLUSTRATIVE: the quarter's plan the perspectives call for, drawn from the report's actions. */
export const EXAMPLE_WORK_PLAN = {
	year: 2016,
	quarter: 4,
	activities: [
		{
			activity: 'Formation des partenaires à l’OPS',
			responsible: 'OCHA, NRC',
			startsOn: '2016-10-21',
			endsOn: '2016-10-21',
			status: 'done'
		},
		{
			activity: 'Révision et partage des chiffres des personnes ciblées',
			responsible: 'Coordinateur CRP',
			startsOn: '2016-10-20',
			endsOn: '2016-10-25',
			status: 'done'
		},
		{
			activity: 'Élaboration et soumission des projets HRP 2017',
			responsible: 'Partenaires du CRP',
			startsOn: '2016-10-21',
			endsOn: '2016-10-31',
			status: 'done'
		},
		{
			activity: 'Transmission du questionnaire ICCT/GCCS aux partenaires',
			responsible: 'Coordinateur CRP',
			startsOn: '2016-10-24',
			endsOn: '2016-11-04',
			status: 'done'
		},
		{
			activity: 'Contacts avec les services de l’État et le secteur privé',
			responsible: 'Coordinateur CRP',
			startsOn: '2016-10-24',
			endsOn: '2016-11-15',
			status: 'ongoing'
		},
		{
			activity: 'Réunion mensuelle des partenaires du CRP',
			responsible: 'Coordinateur CRP',
			startsOn: '2016-11-17',
			endsOn: '2016-11-17',
			status: 'planned'
		}
	]
} as const;
