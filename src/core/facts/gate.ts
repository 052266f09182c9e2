// Many questions at once, or one shadow edit alone. A server answers concurrent requests, but while a
// speculative text is applied to a document no other question may be asked, or its answer would see that
// text. Waiters are served in arrival order, so a shadow edit is not starved by a stream of questions.

interface Waiter {
  readonly exclusive: boolean;
  readonly admit: () => void;
}

export class ReadWriteGate {
  private readers = 0;
  private writing = false;
  private readonly waiting: Waiter[] = [];

  /** Runs `work` alongside other shared work, never during exclusive work. */
  shared<T>(work: () => Promise<T>): Promise<T> {
    return this.run(false, work);
  }

  /** Runs `work` alone. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.run(true, work);
  }

  private async run<T>(exclusive: boolean, work: () => Promise<T>): Promise<T> {
    await new Promise<void>(admit => {
      this.waiting.push({ exclusive, admit });
      this.admitNext();
    });
    try {
      return await work();
    } finally {
      if (exclusive) this.writing = false;
      else this.readers--;
      this.admitNext();
    }
  }

  private admitNext(): void {
    while (this.waiting.length > 0 && !this.writing) {
      const next = this.waiting[0]!;
      if (next.exclusive && this.readers > 0) return;
      this.waiting.shift();
      if (next.exclusive) this.writing = true;
      else this.readers++;
      next.admit();
    }
  }
}
