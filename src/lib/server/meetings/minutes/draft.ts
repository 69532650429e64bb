/**
 * A meeting's minutes as an import reads them, before anything is saved: the user reviews this
 * draft and only then creates the meeting. Dates are ISO `YYYY-MM-DD`, times `HH:MM`; what could
 * not be read is left empty and listed in `problems`, never guessed.
 */
export interface MinutesDraft {
	title: string;
	date: string | null;
	startTime: string | null;
	place: string | null;
	/** Formatted text (sanitised HTML). */
	objectives: string;
	agenda: AgendaItemDraft[];
	lessons: string[];
	consensus: string[];
	actions: ActionDraft[];
	perspectives: string[];
	participants: ParticipantDraft[];
	problems: DraftProblem[];
}

export interface AgendaItemDraft {
	/** The section it is grouped in ("Divers"), null for the main list. */
	section: string | null;
	subject: string;
	/** Sanitised HTML. */
	context: string;
	/** Sanitised HTML. */
	status: string;
}

export interface ActionDraft {
	description: string;
	/** As written: an organisation, a person or a role ("Coordinateur CRP"). */
	responsible: string;
	dueDate: string | null;
	/** The due date as written, kept when it could not be read. */
	dueText: string;
}

export interface ParticipantDraft {
	organisation: string;
	name: string;
	function: string;
	email: string | null;
	/** The directory's person this is (same e-mail, or same name in the same organisation), if any. */
	personId: string | null;
	/** The directory's organisation named (by acronym or name), if any. */
	organisationId: string | null;
}

export interface DraftProblem {
	/** 1-based line of the text (or paragraph of a DOCX file). */
	line: number;
	field: string;
	message: string;
}
