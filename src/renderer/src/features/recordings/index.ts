export { RecordingPlayer, type RecordingPlayerProps } from './RecordingPlayer';
export { pauseRecordingsOf, playRecording, useRecordingPlayback } from './recording-playback';
