export * from './code-lists';
export * from './constraints';
export * from './data-source-options';
export * from './entities';
export * from './migrations';
export * from './migrations-lock';
export * from './snake-naming.strategy';
