/** A set that forgets its oldest entries beyond `capacity`: memory stays bounded all day. */
export class BoundedSet {
  private readonly items = new Set<string>();
  constructor(private readonly capacity: number) {}

  add(value: string): void {
    this.items.delete(value);
    this.items.add(value);
    while (this.items.size > this.capacity) {
      const oldest = this.items.values().next();
      if (oldest.done) break;
      this.items.delete(oldest.value);
    }
  }

  has(value: string): boolean {
    return this.items.has(value);
  }

  get size(): number {
    return this.items.size;
  }
}
