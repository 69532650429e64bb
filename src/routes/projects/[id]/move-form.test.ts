import { describe, expect, it } from 'vitest';
import { moveInputFromForm } from './move-form';

describe('a move posted from the project page', () => {
	it('keeps the comment and the sections commented, leaving blank and unknown ones out', () => {
		expect(
			moveInputFromForm({
				comment: 'Merci de reprendre',
				'section.budget': '  Le total ne correspond pas  ',
				'section.places': '   ',
				'section.nonsense': 'ignored',
				'section.general': ['two', 'values']
			})
		).toEqual({
			comment: 'Merci de reprendre',
			// A name sent twice counts once, as in every form: its first value.
			sections: { budget: 'Le total ne correspond pas', general: 'two' }
		});
	});

	it('sends an empty comment and no section when the form has none', () => {
		expect(moveInputFromForm({})).toEqual({ comment: '', sections: {} });
	});
});
