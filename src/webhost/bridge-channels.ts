/**
 * The contract's channel names, for the browser side of the bridge. Run from source (tests)
 * this is the contract itself; bridge-bundle.ts swaps this module for the two plain lists it
 * reads from the contract when it bundles the script, so the page gets the names without
 * zod and the contract stays the only place a channel is declared.
 */
export { eventNames, requestNames } from '../shared/contract';
