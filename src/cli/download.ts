/**
 * The download logic lives with the services (the app's Download button uses it too); the
 * command keeps importing it from here.
 */
export { downloadToFile } from '../main/services/recordings/download-to-file';
