// What the node:http/Connect middleware does with a decision; shared by the named export
// (node.ts) and the default export that speaks expressjs/cors (peers/express.ts).
import type { ServerResponse } from 'node:http';
import type { CorsDecision } from '../../core/decision.ts';
import { answerNodeResponse, applyToNodeResponse } from '../../http/node-response.ts';

export type NextFunction = (error?: unknown) => void;

export function applyDecision(decision: CorsDecision, response: ServerResponse, next: NextFunction): void {
  if (decision.status !== 0) {
    answerNodeResponse(decision, response);
    return;
  }
  if (!response.headersSent) applyToNodeResponse(response, decision);
  next();
}

export function failWith(error: unknown, _response: ServerResponse, next: NextFunction): void {
  next(error);
}
