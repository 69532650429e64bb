// A large response plan for the plans benchmark, generated inside the database: the plan "Bench
// 2018" for Mali with the example's cluster ER, 5 strategic and 25 cluster objectives (30 in all),
// 150 activities, 600 indicators and a target in each of 60 places for every indicator (36,000).
// Runs on a database that holds the example workspace (cluster ER, the P-codes of Mali).
export const SIZES = { objectives: 30, activities: 150, indicators: 600, places: 60 };

export const FILL_SQL = [
	`insert into plan (country_id, year, kind, title_fr, starts_on, ends_on, status, sex_age_groups)
	 select id, 2018, 'hrp', 'Bench 2018', '2018-01-01', '2018-12-31', 'draft',
	   (select sex_age_groups from plan limit 1)
	 from location where pcode = 'ML'`,
	`insert into plan_cluster (plan_id, cluster_id)
	 select p.id, c.id from plan p, cluster c where p.title_fr = 'Bench 2018' and c.code = 'ER'`,
	`insert into strategic_objective (plan_id, number, position, title_fr)
	 select p.id, n, n, 'Objectif stratégique de référence ' || n
	 from plan p, generate_series(1, 5) n where p.title_fr = 'Bench 2018'`,
	`insert into cluster_objective (plan_cluster_id, strategic_objective_id, number, position, title_fr)
	 select pc.id, so.id, n, so.number * 10 + n, 'Objectif du cluster ' || so.number || '.' || n || ' : restaurer les services sociaux de base'
	 from plan_cluster pc join plan p on p.id = pc.plan_id and p.title_fr = 'Bench 2018'
	 join strategic_objective so on so.plan_id = p.id, generate_series(1, 5) n`,
	`insert into activity (cluster_objective_id, number, position, title_fr)
	 select co.id, n, n, 'Activité ' || n || ' : réhabiliter des infrastructures communautaires et former des comités'
	 from cluster_objective co join plan_cluster pc on pc.id = co.plan_cluster_id
	 join plan p on p.id = pc.plan_id and p.title_fr = 'Bench 2018', generate_series(1, 6) n`,
	`insert into indicator (activity_id, number, position, title_fr, unit, period_rule, place_rule, disaggregation, baseline, target)
	 select a.id, n, n, 'Nombre de personnes ayant bénéficié de l''activité (indicateur ' || n || ')',
	   'people', 'sum', 'sum', 'sex-age', 0, 60000
	 from activity a join cluster_objective co on co.id = a.cluster_objective_id
	 join plan_cluster pc on pc.id = co.plan_cluster_id
	 join plan p on p.id = pc.plan_id and p.title_fr = 'Bench 2018', generate_series(1, 4) n`,
	`insert into indicator_target (indicator_id, location_id, value)
	 select i.id, l.id, 1000
	 from indicator i join activity a on a.id = i.activity_id
	 join cluster_objective co on co.id = a.cluster_objective_id
	 join plan_cluster pc on pc.id = co.plan_cluster_id
	 join plan p on p.id = pc.plan_id and p.title_fr = 'Bench 2018',
	 (select id from location where level > 0 order by level desc, pcode limit 60) l`
];
