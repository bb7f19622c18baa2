export * from './practices';
export * from './clients';
export * from './integrations';
export * from './proposals';
