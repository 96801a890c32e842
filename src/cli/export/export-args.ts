// `corsguard export <target>` arguments: the target, --out and --apache-modules are the export's
// own; everything else is `corsguard proxy`'s flags, parsed by the proxy's own parser.
import type { ProxyIssue } from '../../proxy/config-error.ts';
import { parseProxyArgs, type ProxyArgs } from '../proxy/proxy-args.ts';

export interface ExportArgs extends ProxyArgs {
  readonly target: string | undefined;
  readonly out: string | undefined;
  readonly apacheModules: string | undefined;
}

const OWN_FLAGS: Record<string, 'out' | 'apacheModules'> = { '--out': 'out', '--apache-modules': 'apacheModules' };

export function parseExportArgs(argv: readonly string[], issues: ProxyIssue[]): ExportArgs {
  const rest: string[] = [];
  const own: { out?: string; apacheModules?: string } = {};
  // The target comes first: `corsguard export nginx --config …`.
  const target = argv[0] !== undefined && !argv[0].startsWith('-') ? argv[0] : undefined;
  for (let i = target === undefined ? 0 : 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const key = OWN_FLAGS[flag];
    if (key !== undefined) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '')
        issues.push({ code: 'argument-invalid', path: flag, message: 'needs a directory' });
      else own[key] = value;
    } else {
      rest.push(arg);
    }
  }
  return { ...parseProxyArgs(rest, issues), target, out: own.out, apacheModules: own.apacheModules };
}
