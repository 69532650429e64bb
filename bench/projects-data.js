// Projects at scale for bench/projects.js, generated inside the database: ten published plans
// "Bench projets 1…10" (2031–2040) for Mali with the example's cluster ER, each with a framework of
// 3 cluster objectives × 3 activities, and 5,000 projects: 1,000 in plan 1 (the biggest), 444 or 445
// in each other. Every project has two places (a région and a cercle), one objective and one activity,
// a partner for one in three, statuses spread over the workflow (three in ten published).
// `growSql(to)` adds projects to plan 1 until it holds `to`. Runs on a database with the example.

const YEAR0 = 2030;
export const PLAN_COUNT = 10;
export const BIGGEST = 1000;
export const TOTAL = 5000;

const STATUSES = `array['draft','submitted','under-review','revision-requested','approved','not-approved','published','withdrawn','published','published']`;

/** Projects number `from`…`to` of plan `n`. */
function projectsSql(n, from, to) {
	const year = YEAR0 + n;
	return `with p as (select id from plan where title_fr = 'Bench projets ${n}'),
	  c as (select id from cluster where code = 'ER'),
	  orgs as (select id, row_number() over (order by name) - 1 as i, count(*) over () as n from organisation)
	 insert into project (code, plan_id, cluster_id, number, organisation_id, title_fr, title_en, objectives,
	   description, starts_on, ends_on, gender_age_marker, budget_lines, budget_usd, status)
	 select 'MLI-${String(year).slice(2)}/ER/' || lpad(k::text, 5, '0'), p.id, c.id, k,
	   (select o.id from orgs o where o.i = k % o.n),
	   'Projet ' || k || ' : relèvement des moyens d''existence et cohésion sociale des ménages vulnérables',
	   'Project ' || k || ': livelihoods recovery and social cohesion',
	   'Relancer les activités économiques des ménages déplacés, retournés et hôtes',
	   'Appui aux activités génératrices de revenus, travaux à haute intensité de main-d''œuvre et formation.',
	   date '${year}-01-01', date '${year}-12-31', '2T',
	   jsonb_build_array(jsonb_build_object('category', 'supplies', 'description', 'Kits', 'amountUsd', (10000 + (k * 7919) % 490000) || '.50')),
	   10000 + (k * 7919) % 490000 + 0.5,
	   (${STATUSES})[1 + k % 10]
	 from p, c, generate_series(${from}, ${to}) k`;
}

/** Places, clusters, partners, objectives and activities for the bench projects that have none yet. */
const LINKS_SQL = [
	`insert into project_cluster (project_id, cluster_id, share_percent)
	 select p.id, p.cluster_id, 100 from project p join plan on plan.id = p.plan_id and plan.title_fr like 'Bench projets %'
	 where not exists (select 1 from project_cluster pc where pc.project_id = p.id)`,
	`with regions as (select id, row_number() over (order by pcode) - 1 as i, count(*) over () as n from location where level = 1),
	  cercles as (select id, row_number() over (order by pcode) - 1 as i, count(*) over () as n from location where level = 2)
	 insert into project_location (project_id, location_id, people_targeted)
	 select p.id, x.location_id, x.people
	 from project p join plan on plan.id = p.plan_id and plan.title_fr like 'Bench projets %'
	 cross join lateral (
	   select (select r.id from regions r where r.i = p.number % r.n) as location_id, 100 + (p.number * 37) % 5000 as people
	   union all
	   select (select c.id from cercles c where c.i = (p.number * 7) % c.n), 50 + (p.number * 53) % 3000
	 ) x
	 where not exists (select 1 from project_location pl where pl.project_id = p.id)
	 on conflict do nothing`,
	`update project p set people_targeted = s.people
	 from (select project_id, sum(people_targeted) as people from project_location group by project_id) s
	 where s.project_id = p.id and p.people_targeted = 0`,
	`with orgs as (select id, row_number() over (order by name) - 1 as i, count(*) over () as n from organisation)
	 insert into project_partner (project_id, organisation_id)
	 select p.id, (select o.id from orgs o where o.i = (p.number + 1) % o.n)
	 from project p join plan on plan.id = p.plan_id and plan.title_fr like 'Bench projets %'
	 where p.number % 3 = 0 and not exists (select 1 from project_partner pp where pp.project_id = p.id)
	 on conflict do nothing`,
	`insert into project_objective (project_id, cluster_objective_id)
	 select p.id, co.id from project p join plan on plan.id = p.plan_id and plan.title_fr like 'Bench projets %'
	 join plan_cluster pc on pc.plan_id = plan.id
	 join cluster_objective co on co.plan_cluster_id = pc.id and co.number = 1 + p.number % 3
	 where not exists (select 1 from project_objective po where po.project_id = p.id)`,
	`insert into project_activity (project_id, activity_id)
	 select p.id, a.id from project p join plan on plan.id = p.plan_id and plan.title_fr like 'Bench projets %'
	 join plan_cluster pc on pc.plan_id = plan.id
	 join cluster_objective co on co.plan_cluster_id = pc.id and co.number = 1 + p.number % 3
	 join activity a on a.cluster_objective_id = co.id and a.number = 1 + (p.number / 3) % 3
	 where not exists (select 1 from project_activity pa where pa.project_id = p.id)`,
	`analyze project`,
	`analyze project_location`,
	`analyze project_partner`,
	`analyze project_objective`,
	`analyze project_activity`,
	`analyze project_cluster`
];

const PLANS_SQL = [
	`insert into plan (country_id, year, kind, title_fr, title_en, starts_on, ends_on, status, sex_age_groups)
	 select l.id, ${YEAR0} + n, 'hrp', 'Bench projets ' || n, 'Bench projects ' || n,
	   make_date(${YEAR0} + n, 1, 1), make_date(${YEAR0} + n, 12, 31), 'published',
	   (select sex_age_groups from plan limit 1)
	 from location l, generate_series(1, ${PLAN_COUNT}) n where l.pcode = 'ML'`,
	`insert into plan_cluster (plan_id, cluster_id)
	 select p.id, c.id from plan p, cluster c where p.title_fr like 'Bench projets %' and c.code = 'ER'`,
	`insert into strategic_objective (plan_id, number, position, title_fr)
	 select p.id, 1, 1, 'Sauver des vies et renforcer la résilience' from plan p where p.title_fr like 'Bench projets %'`,
	`insert into cluster_objective (plan_cluster_id, strategic_objective_id, number, position, title_fr)
	 select pc.id, so.id, n, n, 'Objectif du cluster ' || n || ' : relancer les moyens d''existence'
	 from plan_cluster pc join plan p on p.id = pc.plan_id and p.title_fr like 'Bench projets %'
	 join strategic_objective so on so.plan_id = p.id, generate_series(1, 3) n`,
	`insert into activity (cluster_objective_id, number, position, title_fr)
	 select co.id, n, n, 'Activité ' || co.number || '.' || n || ' : travaux à haute intensité de main-d''œuvre'
	 from cluster_objective co join plan_cluster pc on pc.id = co.plan_cluster_id
	 join plan p on p.id = pc.plan_id and p.title_fr like 'Bench projets %', generate_series(1, 3) n`
];

/** The other plans share TOTAL − BIGGEST projects. */
function othersSql() {
	const others = PLAN_COUNT - 1;
	const rest = TOTAL - BIGGEST;
	return Array.from({ length: others }, (_, i) => {
		const size = Math.floor(rest / others) + (i < rest % others ? 1 : 0);
		return projectsSql(i + 2, 1, size);
	});
}

export const FILL_SQL = [...PLANS_SQL, projectsSql(1, 1, BIGGEST), ...othersSql(), ...LINKS_SQL];

/** Plan 1 grown from `from` to `to` projects. */
export function growSql(from, to) {
	return [projectsSql(1, from + 1, to), ...LINKS_SQL];
}
