/** Timers a call or the platform owns, so closing it stops every one (no handle left behind). */
export class TimerSet {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Runs `run` after `ms`, forgetting the timer once it has fired. */
  start(run: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  stop(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  stopAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
