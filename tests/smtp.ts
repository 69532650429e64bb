import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as the SMTP server received it, with its subject and text decoded. */
export interface ReceivedMail {
	from: string;
	to: string[];
	subject: string;
	text: string;
	raw: string;
}

export interface TestSmtpServer {
	port: number;
	/** What SMTP_URL (or configureMail) should say to send here. */
	url: string;
	mails: ReceivedMail[];
	/** The first mail (already received or still to come) that `match` accepts. */
	waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
	close(): Promise<void>;
}

/**
 * A real SMTP server on a free port of 127.0.0.1. `refuse` makes it answer every message with a
 * permanent error, as a server that will not relay does.
 */
export async function startSmtpServer(
	options: { refuse?: boolean; onMail?: (mail: ReceivedMail) => void } = {}
): Promise<TestSmtpServer> {
	const mails: ReceivedMail[] = [];
	const waiting = new Set<() => void>();
	const server = new SMTPServer({
		authOptional: true,
		// Plain SMTP on the loopback: no self-signed certificate for the client to reject.
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				if (options.refuse) {
					callback(Object.assign(new Error('relay refused by the test server'), { responseCode: 550 }));
					return;
				}
				const raw = Buffer.concat(chunks).toString('utf8');
				const mail: ReceivedMail = {
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					...parseMessage(raw),
					raw
				};
				mails.push(mail);
				options.onMail?.(mail);
				for (const wake of waiting) wake();
				callback();
			});
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const port = (server.server.address() as AddressInfo).port;
	return {
		port,
		url: `smtp://127.0.0.1:${port}`,
		mails,
		waitFor(match, timeoutMs = 10_000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const found = mails.find(match);
					if (!found) return false;
					clearTimeout(timer);
					waiting.delete(check);
					resolve(found);
					return true;
				};
				const timer = setTimeout(() => {
					waiting.delete(check);
					reject(new Error(`no such mail within ${timeoutMs} ms (${mails.length} received)`));
				}, timeoutMs);
				if (!check()) waiting.add(check);
			});
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** Enough of RFC 5322 / MIME for the single-part text mails Concerto sends. */
export function parseMessage(raw: string): { subject: string; text: string } {
	const split = raw.indexOf('\r\n\r\n');
	const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	const body = raw.slice(split + 4);
	const header = (name: string) =>
		head
			.split('\r\n')
			.find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
			?.slice(name.length + 1)
			.trim() ?? '';
	const encoding = header('Content-Transfer-Encoding').toLowerCase();
	const text =
		encoding === 'quoted-printable'
			? decodeQuotedPrintable(body)
			: encoding === 'base64'
				? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
				: body;
	return { subject: decodeEncodedWords(header('Subject')), text: text.replace(/\r\n/g, '\n').trimEnd() };
}

function decodeQuotedPrintable(text: string): string {
	const soft = text.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < soft.length; i++) {
		const hex = soft.slice(i + 1, i + 3);
		if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
	}
	return Buffer.from(bytes).toString('utf8');
}

function decodeEncodedWords(value: string): string {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, data: string) =>
			kind.toUpperCase() === 'B'
				? Buffer.from(data, 'base64').toString('utf8')
				: decodeQuotedPrintable(data.replace(/_/g, ' '))
		);
}
