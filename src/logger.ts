import { pino, type Logger } from 'pino';

export interface LoggerSettings {
  /** LOG_LEVEL. */
  level: string;
  /** LOG_FORMAT: `json` (production: one JSON object per line) or `pretty` (a terminal: pino-pretty). */
  format: 'json' | 'pretty';
  /**
   * JSON lines are gathered up to this many bytes (or for at most LOG_FLUSH_MS) and written in
   * one system call; 0 writes each line as it comes. They are written out when the process exits,
   * crashes or is stopped: only a SIGKILL (or the machine's power) loses the last few.
   */
  bufferBytes: number;
}

/** The longest a buffered line waits to be written when requests are few. */
const LOG_FLUSH_MS = 250;

function bufferedDestination(minLength: number) {
  const destination = pino.destination({ dest: 1, minLength, sync: true });
  const flush = () => {
    try {
      destination.flushSync();
    } catch {
      // stdout closed: nothing more can be written
    }
  };
  setInterval(flush, LOG_FLUSH_MS).unref();
  process.on('exit', flush);
  return destination;
}

/** Fields of the per-request line (app.ts) shown in its message instead of after it. */
const REQUEST_FIELDS = ['method', 'route', 'status', 'durationMs'];

/**
 * The process's logger. JSON lines by default, gathered into few writes (LOG_BUFFER_BYTES, see
 * bench/NOTES.md for what a write per line costs).
 * LOG_FORMAT=pretty (what `npm run dev` sets in a terminal) renders lines for people with
 * pino-pretty, in this thread; pino-pretty is a dev dependency, so a production install without it
 * logs JSON and says why.
 */
export async function createLogger(settings: LoggerSettings): Promise<Logger> {
  if (settings.format !== 'pretty') {
    if (settings.bufferBytes <= 0) return pino({ level: settings.level });
    const logger = pino({ level: settings.level }, bufferedDestination(settings.bufferBytes));
    // A crash is logged and its lines written before the process goes (process.on('exit') above).
    process.on('uncaughtException', (err) => {
      logger.fatal({ err }, 'uncaught exception; exiting');
      process.exit(1);
    });
    return logger;
  }
  let pretty: typeof import('pino-pretty');
  try {
    pretty = (await import('pino-pretty')).default;
  } catch {
    const logger = pino({ level: settings.level });
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
  return pino({ level: settings.level }, stream);
}
