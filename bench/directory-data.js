// A large directory for the directory benchmark: 5,000 organisations and 50,000 people with Malian
// names (accents included), spread over types, clusters steps and places, generated inside the
// database in a few statements. Runs on a database that holds the example workspace (cluster ER,
// the P-codes of Mali).
export const ORGANISATIONS = 5000;
export const PEOPLE = 50000;

const list = (values) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;
const PREFIXES = [
	'Association',
	'ONG',
	'Groupement',
	'Coopérative',
	'Fondation',
	'Union',
	'Réseau',
	'Comité'
];
const WORDS = [
	'Relèvement',
	'Espoir',
	'Solidarité',
	'Développement',
	'Paix',
	'Santé',
	'Éducation',
	'Femmes',
	'Jeunes',
	'Eau',
	'Avenir',
	'Entraide',
	'Résilience',
	'Cohésion',
	'Sahel',
	'Niger',
	'Dounia',
	'Benkadi',
	'Jèkafo',
	'Hamdallaye'
];
const TYPES = [
	'national-ngo',
	'national-ngo',
	'international-ngo',
	'government',
	'private-sector',
	'un-agency',
	'donor',
	'red-cross',
	'academic',
	'other'
];
const FIRST = [
	'Awa',
	'Moussa',
	'Fatoumata',
	'Ibrahim',
	'Aminata',
	'Oumar',
	'Mariam',
	'Seydou',
	'Kadiatou',
	'Boubacar',
	'Hawa',
	'Mamadou',
	'Assétou',
	'Souleymane',
	'Djénéba',
	'Adama',
	'Rokia',
	'Bakary',
	'Oumou',
	'Cheick'
];
const LAST = [
	'Traoré',
	'Diallo',
	'Coulibaly',
	'Keïta',
	'Touré',
	'Maïga',
	'Cissé',
	'Sidibé',
	'Konaté',
	'Dembélé',
	'Sangaré',
	'Doumbia',
	'Ag Alhassane',
	'Haïdara',
	'Samaké'
];
const TITLES = [
	'Coordinateur',
	'Chargé de programme',
	'Point focal',
	'Directrice',
	'Responsable suivi-évaluation'
];
const STAGES = ['prospect', 'contacted', 'interested', 'member', 'inactive'];

export const FILL_SQL = [
	`insert into organisation (name, acronym, type, email_domains, country)
	 select (${list(PREFIXES)})[1 + i % 8] || ' ' || (${list(WORDS)})[1 + (i / 8) % 20] || ' ' || i,
	        'B' || i, (${list(TYPES)})[1 + i % 10], array['bench' || i || '.org'], 'MLI'
	 from generate_series(1, ${ORGANISATIONS}) i`,
	`create temporary table bench_org as
	 select id, row_number() over (order by id) as n from organisation where acronym like 'B%'`,
	`insert into person (name, job_title, email, phone, organisation_id, languages)
	 select (${list(FIRST)})[1 + i % 20] || ' ' || (${list(LAST)})[1 + (i / 20) % 15],
	        (${list(TITLES)})[1 + i % 5],
	        'p' || i || '@bench' || (1 + i % ${ORGANISATIONS}) || '.org',
	        '+223 7' || lpad(i::text, 7, '0'),
	        o.id, case when i % 4 = 0 then array['fr', 'bm'] else array['fr'] end
	 from generate_series(1, ${PEOPLE}) i join bench_org o on o.n = 1 + i % ${ORGANISATIONS}`,
	`insert into membership (organisation_id, cluster_id, stage)
	 select o.id, c.id, (${list(STAGES)})[1 + o.n % 5]
	 from bench_org o, cluster c where c.code = 'ER' and o.n % 3 = 0`,
	`insert into organisation_location (organisation_id, location_id)
	 select o.id, l.id from bench_org o
	 join (select id, row_number() over (order by pcode) as n, count(*) over () as total
	       from location where level = 2) l on l.n = 1 + o.n % l.total`,
	`analyze`
];
