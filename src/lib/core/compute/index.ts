export * from './picker';
export * from './device';
export * from './candidates';
