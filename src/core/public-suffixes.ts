// A curated subset of the Public Suffix List (publicsuffix.org): every single-label suffix (all TLDs)
// plus the multi-label suffixes people most often put a wildcard in front of by mistake. A wildcard
// directly on one of these lets unrelated sites in.
const MULTI_LABEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au',
  'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'co.nz', 'org.nz', 'co.za', 'co.in', 'co.kr', 'or.kr',
  'com.br', 'com.cn', 'com.mx', 'com.ar', 'com.tr', 'com.sg', 'com.hk', 'com.tw', 'co.il',
  'github.io', 'gitlab.io', 'herokuapp.com', 'vercel.app', 'netlify.app', 'pages.dev',
  'workers.dev', 'web.app', 'firebaseapp.com', 'azurewebsites.net', 'cloudfront.net',
  'appspot.com', 'blogspot.com', 's3.amazonaws.com', 'fly.dev', 'onrender.com', 'ngrok.io',
  'ngrok-free.app', 'glitch.me', 'repl.co', 'deno.dev', 'surge.sh', 'now.sh', 'rhcloud.com',
]);

/** `localhost` is single-label but not shared between sites: `*.localhost` is the developer's own machine. */
export function isPublicSuffix(domain: string): boolean {
  if (domain === 'localhost') return false;
  return !domain.includes('.') || MULTI_LABEL_SUFFIXES.has(domain);
}
