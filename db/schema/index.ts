export * from './apps';
export * from './practices';
export * from './clients';
export * from './integrations';
export * from './proposals';
export * from './sync-runs';
export * from './deployments';
export * from './match-suggestions';
