import { z } from 'zod';
import { ATTENDANCE_STATUSES } from '../db/schema';
import { optionalId, personInput } from '../directory/schema';
import { blankAsAbsent, hint } from '../validation';

export const attendanceStatus = z.enum(ATTENDANCE_STATUSES, hint('attendance_error_status'));

/** A form's "yes" or the API's true: the user saw the look-alikes and still wants a new person. */
const confirmed = z
	.union([z.boolean(), z.literal('yes'), z.literal('')])
	.nullish()
	.transform((v) => v === true || v === 'yes');

/** Someone already in the directory joins the list. */
export const addFromDirectoryInput = z.object({
	personId: z.uuid(hint('attendance_error_unknown_person')),
	status: blankAsAbsent(attendanceStatus)
});

/**
 * Someone not yet in the directory: they are added to it (organisation, name, function, e-mail) and
 * to the list in one go.
 */
export const addNewPersonInput = z.object({
	organisationId: optionalId(),
	name: personInput.shape.name,
	jobTitle: personInput.shape.jobTitle,
	email: personInput.shape.email,
	status: blankAsAbsent(attendanceStatus),
	notDuplicate: confirmed
});

export const attendanceStatusInput = z.object({ status: attendanceStatus });

export const attendanceSearchQuery = z.object({ q: z.string().trim().max(200).default('') });
