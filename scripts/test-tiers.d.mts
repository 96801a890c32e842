export declare const FULL_RUN_ONLY: Readonly<Record<string, string>>;
export declare function unitTestFiles(root?: string): string[];
