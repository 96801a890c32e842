export { audit, summarise } from './audit.ts';
export {
  AUDIT_OPTIONS_ISSUE_CODES,
  AuditOptionsError,
  type AuditOptionsIssue,
  type AuditOptionsIssueCode,
} from './options.ts';
export { exchangeWarnings, type ExchangeWarning, type ExchangeWarningId } from './exchange-warnings.ts';
export { CATALOGUE, type FindingText } from './catalogue.ts';
export { SEVERITIES } from './types.ts';
export type {
  AuditErrorCode,
  AuditOptions,
  AuditReport,
  AuditSummary,
  AuditTarget,
  Evidence,
  EvidenceRequest,
  EvidenceResponse,
  Finding,
  FindingId,
  Severity,
  TargetNote,
  TargetReport,
} from './types.ts';
