export const TSX_AT_RUN_TIME: string[];
export function bundleTestFiles(files: string[], outDir: string): Promise<string[]>;
