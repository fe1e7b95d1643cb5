export { ScreenPopStack } from './ScreenPopStack';
export { ScreenPopWindow, isPopupRoute, POPUP_ROUTE } from './ScreenPopWindow';
export { useScreenPopStore } from './screenpop-store';
