// corsguard/export: the middleware's policy as nginx, Apache, Caddy or HAProxy configuration that
// answers every request as corsguard/node does, or an ExportConfigError naming what cannot be.
import { renderApache } from './apache.ts';
import { renderCaddy } from './caddy.ts';
import { renderHaproxy } from './haproxy.ts';
import { renderNginx } from './nginx.ts';
import { buildPlan, type ExportPlan } from './plan.ts';
import type { ExportFile, ExportOptions, ExportSettings, ExportTarget } from './settings.ts';

export { ExportConfigError, type ExportIssue, type ExportIssueCode } from './errors.ts';
export {
  EXPORT_TARGETS,
  type ExportFile,
  type ExportOptions,
  type ExportSettings,
  type ExportTarget,
} from './settings.ts';

const RENDERERS: Record<ExportTarget, (plan: ExportPlan, options: ExportOptions) => ExportFile[]> = {
  nginx: renderNginx,
  apache: renderApache,
  caddy: renderCaddy,
  haproxy: renderHaproxy,
};

/**
 * The files for `target`: snippets to include in an existing configuration, and a complete one
 * that runs as it is. Throws ExportConfigError listing every problem at once.
 */
export function exportConfig(
  settings: ExportSettings,
  target: ExportTarget,
  options: ExportOptions = {},
): ExportFile[] {
  return RENDERERS[target](buildPlan(settings, target), options);
}
