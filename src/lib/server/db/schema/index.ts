export * from './auth';
export * from './core';
