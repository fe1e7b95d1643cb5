export { createDialService, type DialService, type DialServiceDeps, type DialSource } from './dial-service';
export { setFavourite } from './favourites';
export { createShortcutStatus, type ShortcutStatus } from './shortcut-status';
