import type { Operation } from '../endpoint';

export const actionItems: Operation[] = [];
