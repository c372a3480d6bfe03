/** The page-size ceiling of every connection: larger pages are refused, not silently cut. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
