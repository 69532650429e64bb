// Pages are server-rendered HTML and plain forms, with no client-side router: on a 2G link that
// saves the ~40 KB of script every page would otherwise load, and a form clicked while a slow page
// is still starting can never be lost to the router taking over. A page that needs script later
// (a data-entry grid) turns it on for itself with `export const csr = true`.
export const csr = false;
