import type http from 'node:http';

/**
 * CORS for browser storefronts on other origins. Tokens travel in the Authorization
 * header, not cookies, so credentials are never allowed; '*' is for development only
 * (the configuration refuses it in production).
 */
const ALLOWED_HEADERS = 'content-type, authorization, accept-language, apollo-require-preflight, x-apollo-operation-name, x-correlation-id';

export function corsHandler(origins: readonly string[]) {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  /** Sets the CORS headers; returns true when it answered a preflight on its own. */
  return (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const origin = req.headers.origin;
    if (!origin || (!any && !allowed.has(origin))) return false;
    res.setHeader('access-control-allow-origin', any ? '*' : origin);
    if (!any) res.setHeader('vary', 'Origin');
    res.setHeader('access-control-expose-headers', 'x-correlation-id');
    if (req.method !== 'OPTIONS') return false;
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': '600',
    });
    res.end();
    return true;
  };
}
