import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, useTestDatabase } from '../../../../tests/db';
import { addProject, seedProjectWorld, setPlanStatus, type ProjectWorld } from '../../../../tests/projects';
import { ForbiddenError, NotFoundError } from '../errors';
import { findEditedProject } from './edit-step';

describe(`the project a sheet editor opens [${databaseKind}]`, () => {
	const t = useTestDatabase();
	let w: ProjectWorld;

	beforeAll(async () => {
		w = await seedProjectWorld(t.db);
	});

	it('is the draft for its partner and the cluster; refused to those who only read it', async () => {
		const { id } = await addProject(t.db, w, { status: 'draft' });
		for (const who of ['focalPointA', 'coordinator'] as const)
			expect((await findEditedProject(await w.as(who), id))?.id).toBe(id);
		await expect(findEditedProject(await w.as('focalPointB'), id)).rejects.toThrow(NotFoundError);
		const published = await addProject(t.db, w, { status: 'published' });
		await expect(findEditedProject(await w.as('observer'), published.id)).rejects.toThrow(ForbiddenError);
	});

	it('is none once the project is submitted or its plan closed: the page sends the user back', async () => {
		const submitted = await addProject(t.db, w, { status: 'submitted' });
		expect(await findEditedProject(await w.as('focalPointA'), submitted.id)).toBeNull();
		const returned = await addProject(t.db, w, { status: 'revision-requested' });
		expect(await findEditedProject(await w.as('focalPointA'), returned.id)).not.toBeNull();
		await setPlanStatus(t.db, w.plan.id, 'closed');
		try {
			for (const who of ['focalPointA', 'coordinator'] as const)
				expect(await findEditedProject(await w.as(who), returned.id)).toBeNull();
		} finally {
			await setPlanStatus(t.db, w.plan.id, 'draft');
		}
	});
});
