/** The part of madge's API (https://github.com/pahen/madge#api) that test/imports.test.ts uses. */
declare module 'madge' {
  interface MadgeConfig {
    fileExtensions?: string[];
    tsConfig?: string;
    includeNpm?: boolean;
    detectiveOptions?: Record<string, unknown>;
  }
  interface MadgeResult {
    /** Each module (relative to the base directory) and the modules it imports. */
    obj(): Record<string, string[]>;
    /** Every import cycle, as the modules that form it. */
    circular(): string[][];
    /** Imports madge could not resolve (an edge it cannot see). */
    warnings(): { skipped: string[] };
  }
  export default function madge(path: string | string[], config?: MadgeConfig): Promise<MadgeResult>;
}
