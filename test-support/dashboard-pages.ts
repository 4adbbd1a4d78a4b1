// The dashboard's pages as a visitor reaches them on the sandbox's `demo` scenario, one address per route: the
// end-to-end checks that visit every page and the page benchmark share this list.

/** A region of `demo` that is enabled and holds maintenance windows, for the region page. */
export const DEMO_REGION = 'us-east-1';

export const DASHBOARD_PAGES: readonly string[] = ['/', '/role', '/regions', `/regions/${DEMO_REGION}`, '/graph', '/delete', '/activity', '/sign-in'];
