// Public suffixes (publicsuffix.org): domains under which unrelated parties register names. A
// wildcard directly on one (`https://*.co.uk`) lets every one of those sites in. The full list is
// ~10,000 rules and changes weekly; corsguard ships what catches the mistakes people make instead:
// every single-label suffix (all TLDs), the "second-level" suffixes that country registries open to
// the public (`co.uk`, `com.pl`, `gov.in`: a generic label under a two-letter TLD), and the hosting
// platforms that give each customer a subdomain.

/** Generic second-level labels that country-code registries open for registration. */
const SECOND_LEVEL_LABELS = new Set([
  'ac',
  'co',
  'com',
  'edu',
  'gob',
  'go',
  'gouv',
  'gov',
  'govt',
  'info',
  'biz',
  'ltd',
  'me',
  'mil',
  'ne',
  'net',
  'nic',
  'nom',
  'or',
  'org',
  'plc',
  'sch',
]);

/** Multi-label suffixes outside the pattern above: platforms and registries with other shapes. */
const MULTI_LABEL_SUFFIXES = new Set([
  'github.io',
  'gitlab.io',
  'bitbucket.io',
  'codeberg.page',
  'herokuapp.com',
  'vercel.app',
  'netlify.app',
  'pages.dev',
  'workers.dev',
  'r2.dev',
  'web.app',
  'firebaseapp.com',
  'azurewebsites.net',
  'azurestaticapps.net',
  'cloudapp.net',
  'cloudfront.net',
  'appspot.com',
  'run.app',
  'cloudfunctions.net',
  's3.amazonaws.com',
  'elasticbeanstalk.com',
  'amplifyapp.com',
  'fly.dev',
  'onrender.com',
  'up.railway.app',
  'ondigitalocean.app',
  'ngrok.io',
  'ngrok-free.app',
  'ngrok.app',
  'trycloudflare.com',
  'loca.lt',
  'glitch.me',
  'repl.co',
  'replit.dev',
  'replit.app',
  'deno.dev',
  'surge.sh',
  'now.sh',
  'rhcloud.com',
  'pythonanywhere.com',
  'readthedocs.io',
  'gitpod.io',
  'github.dev',
  'app.github.dev',
  'csb.app',
  'stackblitz.io',
  'webflow.io',
  'wixsite.com',
  'myshopify.com',
  'neocities.org',
  'supabase.co',
  'blogspot.com',
  'ne.jp',
  'or.jp',
  'ac.jp',
  'ad.jp',
  'ed.jp',
  'go.jp',
  'gr.jp',
  'lg.jp',
]);

/** `localhost` is single-label but not shared between sites: `*.localhost` is the developer's own machine. */
export function isPublicSuffix(domain: string): boolean {
  if (domain === 'localhost') return false;
  const labels = domain.split('.');
  if (labels.length === 1) return true;
  if (MULTI_LABEL_SUFFIXES.has(domain)) return true;
  // blogspot.co.uk, blogspot.de…: Blogger's per-country suffixes.
  if (labels[0] === 'blogspot' && labels.length <= 3) return true;
  return labels.length === 2 && labels[1]!.length === 2 && SECOND_LEVEL_LABELS.has(labels[0]!);
}
