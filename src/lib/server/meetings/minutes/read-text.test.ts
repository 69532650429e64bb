import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors';
import { m } from '$lib/paraglide/messages';
import { readMinutesText } from './read-text';
import { readFrenchDate, readFrenchTime } from './french-dates';

const reference = readFileSync(
	new URL('../../../../../../shared/reference/compte-rendu-crp-2016-10-20.txt', import.meta.url),
	'utf8'
);

describe('minutes read from text', () => {
	const draft = readMinutesText(reference, 'fr');

	it('reads the reference report’s title, date, time and place', () => {
		expect(draft.title).toBe('Compte rendu de la réunion des partenaires du Cluster Relèvement Précoce');
		expect([draft.date, draft.startTime, draft.place]).toEqual(['2016-10-20', '14:30', 'PNUD']);
		expect(draft.objectives).toContain('<p>Différents partenaires humanitaires');
		expect(draft.objectives).toContain('formation sur la soumission des projets sur le OPS');
	});

	it('reads every agenda item with its context and status, the “Divers” ones in their section', () => {
		expect(draft.agenda.map((a) => [a.section, a.subject])).toEqual([
			[null, 'Présentation du Coordinateur du CRP'],
			[null, 'Présentation des lignes du narratif du HNO qui ont été élaboré pour le CRP'],
			[null, 'Discussion sur la stratégie de réponse (partie sectorielle et what if)'],
			[null, 'Révision des activités proposées sur l’ORS'.replace('’', "'")],
			[null, 'Discussion sur la soumission des projets des partenaires'],
			[null, 'Formation pour la soumission des projets sur le OPS (Online Project System)'],
			[null, "Élaboration d'un calendrier interne pour l'HRP 2017"],
			['Divers', 'ICCT et GCCS'],
			['Divers', 'Nouvelles partenaires pour le CRP']
		]);
		const strategy = draft.agenda[2]!;
		expect(strategy.context).toContain('<p>En 2017, les interventions du CRP');
		expect(strategy.context).toContain('la montée de la crue du Niger');
		expect(strategy.status).toBe(
			"<p>Le narratif de l'HRP a été soumis à OCHA selon le calendrier établi.</p>"
		);
		expect(draft.agenda[0]!.status).toBe('');
		const training = draft.agenda[5]!;
		expect(training.context).toContain('vendredi 21 octobre à 10h, au bureau de NRC');
		expect(training.status).toContain('OCHA vais fournir les outils pour la formation.');
	});

	it('keeps a cell cut by a page break whole, and the questions under it as its own paragraphs and list', () => {
		const icct = draft.agenda[7]!;
		expect(icct.context).toContain(
			'les développements et problèmes liés à la réhabilitation et réinsertion des DEV et CTE'
		);
		expect(icct.context).toContain('<p>QUESTIONS</p>');
		expect(icct.context).toMatch(/<ul><li>Existe-t-il des programmes/);
		expect(icct.context).toContain('<p>4. Quels domaines sont les plus importants');
		expect(icct.status).toBe('<p>Envoyer les questions aux partenaires.</p>');
		const partners = draft.agenda[8]!;
		expect(partners.context).toContain('Prendre contacts avec des acteurs hors de SNU et des ONG.');
	});

	it('reads lessons, consensus and perspectives as lists', () => {
		expect(draft.lessons).toHaveLength(1);
		expect(draft.lessons[0]).toMatch(/^La principale leçon apprise/);
		expect(draft.consensus).toHaveLength(2);
		expect(draft.consensus[1]).toMatch(/^Les projets visant à mettre en place l'approche intégrée/);
		expect(draft.perspectives).toHaveLength(3);
		expect(draft.perspectives[0]).toMatch(/^Elaborer un plan trimestriel/);
	});

	it('reads the four priority actions with their responsible and their due dates in 2016', () => {
		expect(draft.actions.map((a) => [a.responsible, a.dueDate, a.dueText])).toEqual([
			['Partenaires du CRP', '2016-10-21', '21 octobre'],
			['Coordinateur CRP', '2016-10-25', '25 octobre'],
			["Partenaires du CRP avec l'appui du Coordinateur CRP", '2016-10-31', '31 octobre'],
			['Coordinateur CRP', '2016-11-15', '15 novembre']
		]);
		expect(draft.actions[0]!.description).toBe('Participer à la formation OPS de vendredi 21 octobre 2016.');
	});

	it('reads the eight participants with organisation, function and e-mail', () => {
		expect(draft.participants).toHaveLength(8);
		expect(draft.participants[2]).toEqual({
			organisation: 'PNUD',
			name: 'Sigfrido Romeo',
			function: 'Coordonnateur CRP',
			email: 'sigfrido.romeo@undp.org',
			personId: null,
			organisationId: null
		});
		expect(draft.participants.at(-1)!.email).toBe('atraore@mercicorps.org');
		expect(draft.problems).toEqual([]);
	});

	it('flags what it cannot read instead of guessing, and refuses what is not minutes', () => {
		const own = [
			'Compte rendu de la réunion du groupe de travail',
			'(le 3 trucmuche, 9h, bureau de NRC)',
			'1. Objectifs',
			'Préparer la saison des pluies.',
			'2. Actions prioritaires',
			'Description\tResponsable\tEchéance',
			'Cartographier les zones inondables.\tOIM\tbientôt',
			'Partager la liste.\t\t30 février',
			'3. Participants',
			'Organisation\tNom\tFonction\tEmail',
			'OIM\tAwa Diarra\tChargée de projet\tawa.diarra@',
			'\t\t\t'
		].join('\n');
		const flagged = readMinutesText(own, 'en');
		expect(flagged.date).toBeNull();
		expect(flagged.startTime).toBe('09:00');
		expect(flagged.place).toBe('bureau de NRC');
		expect(flagged.actions.map((a) => a.dueDate)).toEqual([null, null]);
		expect(flagged.problems).toEqual([
			{ line: 2, field: 'date', message: m.minutes_error_date({ text: 'le 3 trucmuche' }, { locale: 'en' }) },
			{ line: 7, field: 'dueDate', message: m.minutes_error_date({ text: 'bientôt' }, { locale: 'en' }) },
			{ line: 8, field: 'dueDate', message: m.minutes_error_date({ text: '30 février' }, { locale: 'en' }) },
			{ line: 8, field: 'responsible', message: m.minutes_error_responsible({}, { locale: 'en' }) },
			{ line: 11, field: 'email', message: m.minutes_error_email({ text: 'awa.diarra@' }, { locale: 'en' }) }
		]);
		expect(flagged.participants).toEqual([
			{
				organisation: 'OIM',
				name: 'Awa Diarra',
				function: 'Chargée de projet',
				email: null,
				personId: null,
				organisationId: null
			}
		]);
		const refused = (() => {
			try {
				readMinutesText('Liste de courses\nriz\nhuile', 'fr');
			} catch (e) {
				return e;
			}
		})();
		expect(refused).toBeInstanceOf(ValidationError);
		expect((refused as ValidationError).errors[0]!.message).toBe(
			m.minutes_error_unreadable({ line: 2 }, { locale: 'fr' })
		);
	});

	it('sanitises formatted cells: formatting stays, scripts and event attributes never do', () => {
		const hostile = [
			'Compte rendu',
			'(2 mars 2017, 10h, OCHA)',
			'1. Ordre du jour',
			'Sujet\tContexte\tStatut',
			'Point\t<p onclick="x()">Texte <i>important</i></p><script>alert(1)</script>\t<a href="javascript:alert(1)">fait</a>'
		].join('\n');
		const [item] = readMinutesText(hostile, 'fr').agenda;
		expect(item!.context).toBe('<p>Texte <i>important</i></p>');
		expect(item!.status).not.toMatch(/javascript|<a/);
	});
});

describe('French dates and times', () => {
	it('reads the ways minutes write them, and nothing else', () => {
		expect(readFrenchDate('20 octobre 2016')).toBe('2016-10-20');
		expect(readFrenchDate('vendredi 21 octobre', 2016)).toBe('2016-10-21');
		expect(readFrenchDate('1er décembre', 2016)).toBe('2016-12-01');
		expect(readFrenchDate('21/10/2016')).toBe('2016-10-21');
		expect(readFrenchDate('21 octobre')).toBeNull();
		expect(readFrenchDate('31 novembre', 2016)).toBeNull();
		expect(readFrenchTime('14h30')).toBe('14:30');
		expect(readFrenchTime('10h')).toBe('10:00');
		expect(readFrenchTime('25h')).toBeNull();
	});
});
