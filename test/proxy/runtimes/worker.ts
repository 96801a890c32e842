// A Cloudflare Worker running the probe: /__probe?upstream=…&closed=….
import { probe } from './proxy-app.ts';

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    return Response.json(await probe(url.searchParams.get('upstream')!, url.searchParams.get('closed')!));
  },
};
