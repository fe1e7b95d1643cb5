export {
  createRecordingService,
  RECORDINGS_FOLDER,
  type RecordingService,
  type RecordingServiceDeps,
} from './recording-service';
export { downloadToFile, PRIVATE_FILE_MODE, type DownloadOptions } from './download-to-file';
export { recordingFileName } from './recording-file-name';
