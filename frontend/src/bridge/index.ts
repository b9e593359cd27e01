// The bridge: the only module that talks to Go. Everything else imports from here.
export * from './api';
export * from './errors';
export * from './events';
export * from './system';
export type * from './types';
