// Test helper: what a value looks like on the other side of a thread boundary.
import { MessageChannel } from 'node:worker_threads';

/** Sends a value through a real MessagePort (structured clone, as between the extension host and the engine thread). */
export function throughPort<T>(value: T): Promise<T> {
  const { port1, port2 } = new MessageChannel();
  return new Promise<T>(resolve => {
    port2.once('message', message => {
      port1.close();
      resolve(message as T);
    });
    port1.postMessage(value);
  });
}
