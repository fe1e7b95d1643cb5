export { streamHistory, fetchHistory, type HistoryProgress, type HistorySyncOptions, type HistorySource } from './sync';
export { splitIntoWindows, type TimeWindow } from './windows';
export { recordKey } from './record-key';
export { meaningfulName } from './caller-name';
