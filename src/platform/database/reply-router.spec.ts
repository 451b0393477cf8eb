import { describe, expect, it } from '@jest/globals';
import { ReplyRouter } from './embedded-postgres.js';

/** A backend message: type byte, then an int32 length that counts itself, then the body. */
function message(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + body.length);
  out[0] = type.charCodeAt(0);
  new DataView(out.buffer).setInt32(1, 4 + body.length);
  out.set(body, 5);
  return out;
}
const text = (s: string) => new TextEncoder().encode(`${s}\0`);
function notification(channel: string, payload: string): Uint8Array {
  const pid = new Uint8Array(4);
  return message('A', new Uint8Array([...pid, ...text(channel), ...text(payload)]));
}
const rowDescription = message('T', new Uint8Array([0, 0]));
const ready = message('Z', new Uint8Array(['I'.charCodeAt(0)]));

function route(chunks: Uint8Array[]) {
  const written: number[] = [];
  const notified: { channel: string; bytes: number[] }[] = [];
  const router = new ReplyRouter(
    (d) => written.push(...d),
    (channel, m) => notified.push({ channel, bytes: [...m] }),
  );
  for (const c of chunks) router.push(c);
  router.end();
  return { written, notified };
}

describe('ReplyRouter (the embedded server’s NOTIFY routing)', () => {
  const n = notification('bullmq_jobs', 'deadlines');
  const stream = new Uint8Array([...rowDescription, ...n, ...ready]);

  it('passes every other message on, in order, and takes the notification out whole', () => {
    const { written, notified } = route([stream]);
    expect(written).toEqual([...rowDescription, ...ready]);
    expect(notified).toEqual([{ channel: 'bullmq_jobs', bytes: [...n] }]);
  });

  it('gives the same result however the stream is cut into chunks', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const { written, notified } = route([stream.subarray(0, cut), stream.subarray(cut)]);
      expect({ cut, written, notified }).toEqual({
        cut,
        written: [...rowDescription, ...ready],
        notified: [{ channel: 'bullmq_jobs', bytes: [...n] }],
      });
    }
  });

  it('leaves a stream without notifications byte for byte as it was', () => {
    const plain = new Uint8Array([...rowDescription, ...ready]);
    expect(route([plain.subarray(0, 3), plain.subarray(3)]).written).toEqual([...plain]);
    expect(route([plain]).notified).toEqual([]);
  });
});
