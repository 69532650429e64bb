export * from './auth';
export * from './core';
export * from './directory';
export * from './plans';
export * from './meetings';
export * from './calendar';
export * from './projects';
