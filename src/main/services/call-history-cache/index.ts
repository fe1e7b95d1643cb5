export {
  createCallHistoryCache,
  type CallHistoryCache,
  type CallHistoryCacheOptions,
  type HistoryCacheTimers,
} from './call-history-cache';
export { RecentCallsIndex, meaningfulName, userKey } from './recent-calls-index';
