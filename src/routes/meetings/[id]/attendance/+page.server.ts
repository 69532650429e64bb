import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { load as guard, submit } from '$lib/server/forms';
import { organisationOptions } from '$lib/server/directory/organisations';
import {
	listAttendance,
	refreshAttendance,
	removeAttendee,
	setAttendanceStatus
} from '$lib/server/meetings/attendance';
import { addFromDirectory, addNewPerson, searchPeopleToAdd } from '$lib/server/meetings/attendance-add';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export const load: PageServerLoad = (event) =>
	guard(event, async () => {
		const { ctx } = event.locals;
		const id = event.params.id;
		const { meeting, rows } = await listAttendance(ctx, id, { forEdit: true });
		const q = (event.url.searchParams.get('q') ?? '').trim().slice(0, 200);
		const [found, organisations] = await Promise.all([
			searchPeopleToAdd(ctx, id, q),
			organisationOptions(ctx)
		]);
		const addedId = event.url.searchParams.get('added');
		const refreshed = event.url.searchParams.get('refreshed');
		return {
			meeting,
			rows,
			q,
			found,
			organisations,
			added: rows.find((r) => r.id === addedId)?.name ?? null,
			refreshed: refreshed !== null && /^\d+$/.test(refreshed) ? Number(refreshed) : null,
			saved: event.url.searchParams.has('saved')
		};
	});

/** Back to the list, keeping the search so that several people can be added from it. */
const back = (id: string, values: Record<string, unknown>, extra: Record<string, string>) => {
	const params = new URLSearchParams(extra);
	if (text(values.q)) params.set('q', text(values.q));
	return `/meetings/${id}/attendance?${params}`;
};

export const actions: Actions = {
	add: (event) =>
		submit(event, async (values) => {
			const row = await addFromDirectory(event.locals.ctx, event.params.id, values);
			redirect(303, back(event.params.id, values, { added: row.id }));
		}),
	create: (event) =>
		submit(event, async (values) => {
			const result = await addNewPerson(event.locals.ctx, event.params.id, values);
			if (!result.added) return fail(409, { similar: result.similar, values, errors: [] });
			redirect(303, back(event.params.id, values, { added: result.row.id }));
		}),
	status: (event) =>
		submit(event, async (values) => {
			await setAttendanceStatus(event.locals.ctx, text(values.rowId), values, event.params.id);
			redirect(303, back(event.params.id, values, { saved: '' }));
		}),
	remove: (event) =>
		submit(event, async (values) => {
			await removeAttendee(event.locals.ctx, text(values.rowId), event.params.id);
			redirect(303, back(event.params.id, values, { saved: '' }));
		}),
	refresh: (event) =>
		submit(event, async (values) => {
			const count = await refreshAttendance(event.locals.ctx, event.params.id);
			redirect(303, back(event.params.id, values, { refreshed: String(count) }));
		})
};
