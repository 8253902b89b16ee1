export * from './board-id';
export * from './cursors';
export * from './events';
export * from './limits';
export * from './messages';
export * from './random-id';
export * from './tick';
export * from './yjs-frames';
