// A Cloudflare Worker serving the fetch-handler gateway; the upstream comes from the UPSTREAM binding.
import { createFetchProxy } from '../../../src/proxy/fetch.ts';

export default {
  fetch(request: Request, env: { UPSTREAM: string }): Promise<Response> {
    return createFetchProxy({ upstream: env.UPSTREAM, cors: { origin: 'https://app.example.com' } })(request, env);
  },
};
