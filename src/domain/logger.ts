/** The slice of a structured logger the domain writes to (pino fits it). */
export interface DomainLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
