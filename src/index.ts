// The package's public API (see README "Using the engine from a script").
export * from './engine/index.js';
