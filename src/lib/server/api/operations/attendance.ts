import type { Operation } from '../endpoint';

export const attendanceOperations: Operation[] = [];
