import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The sheet editor opens at its first step (each step checks who may edit). */
export const GET: RequestHandler = ({ params }) => redirect(303, `/projects/${params.id}/edit/general`);
