import { always, type Fix, type FixRule } from './fix.ts';

// Fixes for requests a browser refuses to make, redirects it cannot follow, and servers it cannot reach.

/** A network error's fix by its code: a server that never answered is not one that could not be reached. */
export const networkError: FixRule = ({ errorCode: code }): Fix => {
  if (code === 'ERR_ANSWER_TIMEOUT')
    return {
      side: 'server',
      text: `The server accepted the connection but did not answer in time; check what the server does with this request (or allow it more time).`,
    };
  if (code === 'ERR_SWITCHING_PROTOCOLS')
    return {
      side: 'server',
      text: `The server answered 101 Switching Protocols to a plain HTTP request, so there is no response whose CORS headers could be checked; it should answer with a final status.`,
    };
  // Node's HTTP parser (llhttp) names a malformed answer HPE_*: the server was reached.
  if (code?.startsWith('HPE_'))
    return {
      side: 'server',
      text: `The server's answer is not valid HTTP (${code}), so the browser fails the request too; fix what the server sends.`,
    };
  return { side: 'client', text: `The server could not be reached; check the URL and that the server is running.` };
};

export const tlsError = always({
  side: 'server',
  text: `The browser refuses the connection before CORS is involved. Serve a certificate the browser trusts (for local development, one from a locally trusted authority such as mkcert's).`,
});

export const unfollowableRedirect: FixRule = ({ value = '' }) => ({
  side: 'server',
  text: `The server redirected to '${value}', which a browser cannot follow; fix the Location header.`,
});

export const redirectContainsCredentials = always({
  side: 'server',
  text: `A cross-origin redirect may not carry user:password@ in its Location; remove them.`,
});

export const tooManyRedirects = always({
  side: 'server',
  text: `The server redirects in a loop; fix the redirect chain.`,
});

export const invalidUrl = always({ side: 'client', text: `Give an absolute http(s) URL.` });

export const urlContainsCredentials = always({
  side: 'client',
  text: `Remove user:password@ from the URL; send credentials in an Authorization header instead (and allow it on the server).`,
});

export const invalidOrigin = always({
  side: 'client',
  text: `Give the page's origin as scheme://host[:port], for example https://app.example.com.`,
});

export const invalidMethod = always({
  side: 'client',
  text: `A method is an HTTP token: letters, digits and !#$%&'*+-.^_\`|~.`,
});

export const forbiddenMethod = always({
  side: 'client',
  text: `Browsers refuse CONNECT, TRACE and TRACK; use another method.`,
});

export const invalidHeader = always({
  side: 'client',
  text: `Header names must be HTTP tokens and values may not contain NUL, CR, LF or characters above U+00FF.`,
});
