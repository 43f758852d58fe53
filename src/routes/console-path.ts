/**
 * The ops console's place in the service (src/console): HTML pages and forms under their own
 * session auth: app.ts gives these paths their own body rules and no bearer auth.
 */
export const CONSOLE_PATH = '/console';
