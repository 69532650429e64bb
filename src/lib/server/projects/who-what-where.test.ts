import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { seedProjectList, type ProjectListWorld } from '../../../../tests/project-list';
import { project, projectActivity } from '../db/schema';
import { ValidationError } from '../errors';
import { whoWhatWhere } from './who-what-where';

describe(`who does what where [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: ProjectListWorld;

	beforeAll(async () => {
		w = await seedProjectList(t.db);
		// A's published project also does the second ER activity; B's submitted one becomes approved.
		await t.db
			.insert(projectActivity)
			.values({ projectId: w.projects.b.id, activityId: w.frameworks.er.activities[1]!.id });
		await t.db.update(project).set({ status: 'approved' }).where(eq(project.id, w.projects.e.id));
	});

	const flat = (rows: Awaited<ReturnType<typeof whoWhatWhere>>['rows']) =>
		rows.map((r) => ({
			org: r.organisation.acronym,
			activity: r.activity?.titleFr ?? null,
			admin1: r.admin1.pcode,
			projects: r.projects,
			people: r.peopleTargeted,
			admin2: r.admin2.map((c) => [c.place?.pcode ?? null, c.projects, c.peopleTargeted])
		}));

	it('shows approved and published projects by organisation, activity and région, cercles under it', async () => {
		const view = await whoWhatWhere(await w.as('admin'), { plan: w.plan.id });
		expect(view.statuses).toEqual(['approved', 'published']);
		expect(flat(view.rows)).toEqual([
			{ org: 'OA', activity: 'ER activité 1', admin1: 'ML06', projects: 1, people: 3000, admin2: [] },
			{ org: 'OA', activity: 'ER activité 2', admin1: 'ML06', projects: 1, people: 3000, admin2: [] },
			{ org: 'OB', activity: 'ER activité 1', admin1: 'ML06', projects: 1, people: 1000, admin2: [] },
			{ org: 'OB', activity: 'ER activité 1', admin1: 'ML07', projects: 1, people: 2000, admin2: [] },
			{
				org: 'OB',
				activity: 'WASH activité 1',
				admin1: 'ML06',
				projects: 1,
				people: 500,
				admin2: [['ML0601', 1, 500]]
			}
		]);
		expect(view.rows[0]!.activity).toMatchObject({ code: 'A1.1.1', clusterCode: w.erCode });
		expect(view.rows[0]!.admin1).toEqual({ pcode: 'ML06', name: 'Tombouctou' });
	});

	it('takes other statuses when asked, and shows each user only what they may see', async () => {
		const drafts = await whoWhatWhere(await w.as('admin'), { plan: w.plan.id, status: 'draft' });
		expect(flat(drafts.rows).map((r) => [r.org, r.admin1, r.people])).toEqual([
			['OA', 'ML06', 1000],
			['OB', 'ML08', 700]
		]);
		// Focal point A does not see B's draft.
		const own = await whoWhatWhere(await w.as('focalPointA'), { plan: w.plan.id, status: 'draft' });
		expect(flat(own.rows).map((r) => r.org)).toEqual(['OA']);
		const wash = await whoWhatWhere(await w.as('admin'), { plan: w.plan.id, cluster: w.washCode });
		expect(flat(wash.rows).map((r) => r.activity)).toEqual(['WASH activité 1']);
	});

	it('refuses an unknown status with a message', async () => {
		const error = await whoWhatWhere(await w.as('admin'), { plan: w.plan.id, status: 'done' }).catch(
			(e) => e
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors[0]!.message).toMatch(/^Statut inconnu/);
	});
});
