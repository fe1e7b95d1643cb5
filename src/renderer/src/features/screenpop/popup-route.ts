/**
 * The hash route the popup window loads (`index.html#/popup`). A module of its own: the app
 * decides which page to render with it before the popup's code (a lazy chunk) is fetched.
 */
export const POPUP_ROUTE = '#/popup';

export function isPopupRoute(hash: string): boolean {
  return hash === POPUP_ROUTE;
}
