// A literal, so that bundles carry the version and not the whole package.json (a test checks that it
// is package.json's "version").
export const VERSION: string = '0.2.0';
