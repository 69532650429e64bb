import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is a database inside one process: two processes on the same data folder would corrupt
 * it. Whoever opens the folder leaves a lock file with their pid; the other refuses politely.
 */
export interface LockHolder {
	pid: number;
	owner: 'server' | 'cli';
	url?: string;
}

export class DataDirBusyError extends Error {
	constructor(readonly holder: LockHolder) {
		super(
			holder.owner === 'server'
				? `Concerto is running on this data folder (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''}). ` +
						'Stop it before running this command, or use the web interface or the API.'
				: `Another concerto command is using this data folder (pid ${holder.pid}). Wait for it to finish.`
		);
	}
}

export function lockDataDir(dataDir: string, holder: Omit<LockHolder, 'pid'>): () => void {
	mkdirSync(dataDir, { recursive: true });
	const file = join(dataDir, 'concerto.lock');
	const content = JSON.stringify({ ...holder, pid: process.pid });
	try {
		writeFileSync(file, content, { flag: 'wx' });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		const current = readHolder(file);
		if (current && current.pid !== process.pid && isAlive(current.pid)) throw new DataDirBusyError(current);
		rmSync(file, { force: true }); // left by a process that died
		writeFileSync(file, content, { flag: 'wx' });
	}
	return () => {
		if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
	};
}

function readHolder(file: string): LockHolder | null {
	if (!existsSync(file)) return null;
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
	} catch {
		return null;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
