/**
 * The ops console's place in the service (src/console): HTML pages and forms under their own
 * session auth, so the API's bearer auth and JSON-only bodies leave these paths to it.
 */
export const CONSOLE_PATH = '/console';

export const isConsolePath = (path: string) => path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`);
