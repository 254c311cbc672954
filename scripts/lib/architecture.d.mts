// Types for architecture.mjs, so TypeScript tests can import it.
export interface ArchitectureViolation {
  file: string;
  line: number;
  specifier: string;
  reason: string;
}
export declare function unitOf(relativePath: string): string | undefined;
export declare function importSpecifiers(source: string): { specifier: string; line: number }[];
export declare function targetUnit(fromFile: string, specifier: string): string | undefined;
export declare function forbiddenReason(from: string, to: string | undefined): string | undefined;
export declare function checkArchitecture(root: string): ArchitectureViolation[];
export declare function formatViolations(violations: ArchitectureViolation[]): string;
