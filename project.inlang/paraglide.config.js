/**
 * Paraglide's options, read alike by the command line (`npm run i18n`) and the Vite plugin (build,
 * dev server, every test process), so that all of them write the same files: with options of their
 * own, a test process rewrote the messages while another process of the suite was reading them.
 * (Added with `git add -f`: the .gitignore inlang writes here ignores all but settings.json.)
 */
export default {
	outdir: './src/lib/paraglide',
	strategy: ['custom-user', 'cookie', 'preferredLanguage', 'baseLocale'],
	cookieName: 'concerto_locale',
	outputStructure: 'message-modules'
};
