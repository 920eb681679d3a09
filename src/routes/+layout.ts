// Static SPA: every route is prerendered as a shell and rendered in the browser.
export const prerender = true;
export const ssr = false;
export const trailingSlash = 'always';
