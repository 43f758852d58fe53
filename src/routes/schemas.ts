/** Moved to src/schemas/ (shared with the console and the intake); routes import it from here or there. */
export * from '../schemas/common.js';
