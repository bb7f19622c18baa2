export * from './practices';
export * from './clients';
