import { eq } from 'drizzle-orm';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Database } from '../db/client';
import * as schema from '../db/schema';
import { hashPassword, verifyPassword } from './password-hash';
import { recordAudit } from '../audit/record-audit';
import { queueMail } from '../mail/outbox';
import { passwordResetMail } from './mails';

export const MIN_PASSWORD_LENGTH = 10;
export const SESSION_COOKIE_PREFIX = 'concerto';

/** better-auth keeps sessions, password accounts and reset tokens in our database. */
export function createAuth(db: Database, options: { publicUrl: string; secret: string }) {
	return betterAuth({
		baseURL: options.publicUrl,
		secret: options.secret,
		database: drizzleAdapter(db, {
			provider: 'pg',
			schema: {
				user: schema.user,
				session: schema.session,
				account: schema.account,
				verification: schema.verification,
				rateLimit: schema.rateLimit
			}
		}),
		user: { additionalFields: { locale: { type: 'string', defaultValue: 'fr', input: false } } },
		session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
		emailAndPassword: {
			enabled: true,
			disableSignUp: true,
			minPasswordLength: MIN_PASSWORD_LENGTH,
			maxPasswordLength: 256,
			password: { hash: hashPassword, verify: verifyPassword },
			resetPasswordTokenExpiresIn: 60 * 60,
			revokeSessionsOnPasswordReset: true,
			sendResetPassword: async ({ user, token }) => {
				const locale = (user as { locale?: string }).locale === 'en' ? 'en' : 'fr';
				await queueMail(
					db,
					passwordResetMail(user.email, `${options.publicUrl}/reset-password?token=${token}`, locale)
				);
			}
		},
		rateLimit: { enabled: false },
		advanced: {
			cookiePrefix: SESSION_COOKIE_PREFIX,
			database: { generateId: 'uuid' },
			useSecureCookies: options.publicUrl.startsWith('https://')
		},
		databaseHooks: {
			session: {
				create: {
					after: async (session) => {
						const [who] = await db
							.select({ userId: schema.user.id, email: schema.user.email })
							.from(schema.user)
							.where(eq(schema.user.id, session.userId));
						await recordAudit(db, who ?? null, {
							action: 'sign-in',
							entityType: 'user',
							entityId: session.userId,
							after: { ip: session.ipAddress ?? null }
						});
					}
				}
			}
		},
		telemetry: { enabled: false }
	});
}

export type Auth = ReturnType<typeof createAuth>;
