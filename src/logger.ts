import { pino, type Logger } from 'pino';

export interface LoggerSettings {
  LOG_LEVEL: string;
  /** `json` (production: one JSON object per line) or `pretty` (a terminal: pino-pretty). */
  LOG_FORMAT: 'json' | 'pretty';
}

/** Fields of the per-request line (app.ts) shown in its message instead of after it. */
const REQUEST_FIELDS = ['method', 'route', 'status', 'durationMs'];

/**
 * The process's logger. JSON lines by default, written synchronously (pino's default: on the
 * benchmark machine an asynchronous or buffered destination cost each request more CPU, bench/NOTES.md).
 * LOG_FORMAT=pretty (what `npm run dev` sets in a terminal) renders lines for people with
 * pino-pretty, in this thread; pino-pretty is a dev dependency, so a production install without it
 * logs JSON and says why.
 */
export async function createLogger(settings: LoggerSettings): Promise<Logger> {
  if (settings.LOG_FORMAT !== 'pretty') return pino({ level: settings.LOG_LEVEL });
  let pretty: typeof import('pino-pretty');
  try {
    pretty = (await import('pino-pretty')).default;
  } catch {
    const logger = pino({ level: settings.LOG_LEVEL });
    logger.warn('LOG_FORMAT=pretty needs the pino-pretty package (a dev dependency: npm install); logging JSON');
    return logger;
  }
  const stream = pretty({
    sync: true,
    colorize: Boolean(process.stdout.isTTY),
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: ['pid', 'hostname', ...REQUEST_FIELDS].join(','),
    singleLine: true,
    messageFormat: (log: Record<string, unknown>, messageKey: string) =>
      log[messageKey] === 'request' && log.route !== undefined
        ? `${String(log.method)} ${String(log.route)} ${String(log.status)} ${String(log.durationMs)} ms`
        : String(log[messageKey] ?? ''),
  });
  return pino({ level: settings.LOG_LEVEL }, stream);
}
