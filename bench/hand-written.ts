import type { IncomingMessage, ServerResponse } from 'node:http';

interface Policy {
  origin: string[];
  credentials: boolean;
  methods: string[];
  allowedHeaders: string[];
  exposedHeaders: string[];
  maxAge: number;
}

/**
 * What a competent developer writes by hand: a Set of origins, static header lists, Vary: Origin.
 * It does not check the requested method or headers (the browser refuses what is not listed).
 */
export function handWritten(policy: Policy) {
  const allowed = new Set(policy.origin);
  const methods = ['GET', 'HEAD', 'POST', ...policy.methods].join(',');
  const headers = policy.allowedHeaders.join(',');
  const exposed = policy.exposedHeaders.join(',');
  const maxAge = String(policy.maxAge);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const origin = req.headers.origin;
    res.setHeader('Vary', 'Origin');
    if (origin !== undefined && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      if (policy.credentials) res.setHeader('Access-Control-Allow-Credentials', 'true');
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
        res.setHeader('Access-Control-Allow-Methods', methods);
        res.setHeader('Access-Control-Allow-Headers', headers);
        res.setHeader('Access-Control-Max-Age', maxAge);
        res.statusCode = 204;
        res.end();
        return;
      }
      res.setHeader('Access-Control-Expose-Headers', exposed);
    }
    next();
  };
}
