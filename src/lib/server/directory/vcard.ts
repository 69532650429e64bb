/** One person as a contact card: vCard 3.0, which Outlook, Gmail and phones all import. */
export interface Contact {
	name: string;
	jobTitle: string | null;
	email: string | null;
	phone: string | null;
	organisationName: string | null;
}

export function toVcards(contacts: Contact[]): string {
	return contacts.map(toVcard).join('');
}

export function toVcard(c: Contact): string {
	const lines = [
		'BEGIN:VCARD',
		'VERSION:3.0',
		`FN:${escape(c.name)}`,
		`N:${escape(familyName(c.name))};${escape(givenNames(c.name))};;;`,
		c.organisationName ? `ORG:${escape(c.organisationName)}` : '',
		c.jobTitle ? `TITLE:${escape(c.jobTitle)}` : '',
		c.email ? `EMAIL;TYPE=INTERNET:${escape(c.email)}` : '',
		c.phone ? `TEL;TYPE=WORK,VOICE:${escape(c.phone)}` : '',
		'END:VCARD'
	];
	return lines
		.filter(Boolean)
		.map(fold)
		.map((line) => `${line}\r\n`)
		.join('');
}

/** RFC 6350 3.4: backslash, comma, semicolon and newlines are escaped in values. */
function escape(value: string): string {
	return value.replace(/[\\,;]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets continue on the next line after a space (never inside a character). */
function fold(line: string): string {
	const parts: string[] = [];
	let current = '';
	for (const char of line) {
		if (Buffer.byteLength(current + char) > (parts.length ? 74 : 75)) {
			parts.push(current);
			current = '';
		}
		current += char;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

// Names are written "Given Family" in the directory; the last word is the best guess at the family name.
function familyName(name: string): string {
	const words = name.trim().split(/\s+/);
	return words.length > 1 ? words[words.length - 1]! : name.trim();
}

function givenNames(name: string): string {
	const words = name.trim().split(/\s+/);
	return words.slice(0, -1).join(' ');
}
