/**
 * What the review tests (unit, API and end-to-end) set up besides tests/projects.ts: a project's
 * status straight in the table (the workflow's own tests move it through its operations), users to
 * review, and a refused promise's error.
 */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../db/client';
import { person, project, type ProjectStatus } from '../../db/schema';
import { addUser } from '../../../../../tests/actors';

export async function setProjectStatus(db: Database, projectId: string, status: ProjectStatus) {
	await db.update(project).set({ status }).where(eq(project.id, projectId));
}

/**
 * A user who signs in and holds no role, to sit on a review committee; `organisationId` puts their
 * person record in that organisation (no focal-point grant).
 */
export async function addReviewer(
	db: Database,
	name: string,
	options: { organisationId?: string; password?: string } = {}
): Promise<string> {
	const suffix = Math.random().toString(36).slice(2, 8);
	const id = await addUser(db, {
		email: `${name.toLowerCase().replace(/\W+/g, '-')}-${suffix}@example.org`,
		name,
		password: options.password
	});
	if (options.organisationId)
		await db.update(person).set({ organisationId: options.organisationId }).where(eq(person.userId, id));
	return id;
}

/** The error a refused call throws, checked to be of this kind. */
export async function refused<E>(promise: Promise<unknown>, kind: new (...args: never[]) => E): Promise<E> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(kind);
	return error as E;
}
