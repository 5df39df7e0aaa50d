// Route handlers answer JSON, images, files and redirects, never pages: nothing in their
// responses may load or run. proxy.ts leaves their Content-Security-Policy to them (see there),
// so each handler either sets its own or gets this one.

export const ROUTE_HANDLER_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The response with ROUTE_HANDLER_CSP unless the handler set a policy of its own. */
export function withDefaultCsp(response: Response): Response {
  if (response.headers.has("content-security-policy")) return response;
  try {
    response.headers.set("Content-Security-Policy", ROUTE_HANDLER_CSP);
    return response;
  } catch {
    // Headers of Response.redirect() and of fetched responses are immutable: answer a copy.
    const copy = new Response(response.body, response);
    copy.headers.set("Content-Security-Policy", ROUTE_HANDLER_CSP);
    return copy;
  }
}
