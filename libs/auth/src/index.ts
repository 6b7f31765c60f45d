export * from './scope';
export * from './roles';
export * from './password-policy';
export * from './tokens';
