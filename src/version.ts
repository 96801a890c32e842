// The bundler inlines package.json, so the built binary needs no file beside it.
import packageJson from '../package.json' with { type: 'json' };

export const VERSION: string = packageJson.version;
