import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { encodeYjsAwarenessFrame, encodeYjsFrame, encodeYjsSyncFrame, YJS_MESSAGE_AWARENESS, YJS_MESSAGE_QUERY_AWARENESS, YJS_MESSAGE_SYNC } from './yjs-frames';

describe('standard Yjs frames', () => {
  it('write the type, then a sync message as it is and an awareness update length-prefixed', () => {
    const payload = new Uint8Array([7, 8, 9]);
    const sync = decoding.createDecoder(encodeYjsSyncFrame(payload));
    expect([decoding.readVarUint(sync), [...decoding.readTailAsUint8Array(sync)]]).toEqual([YJS_MESSAGE_SYNC, [7, 8, 9]]);
    const awareness = decoding.createDecoder(encodeYjsAwarenessFrame(payload));
    expect([decoding.readVarUint(awareness), [...decoding.readVarUint8Array(awareness)], decoding.hasContent(awareness)]).toEqual([YJS_MESSAGE_AWARENESS, [7, 8, 9], false]);
  });

  it('frame any type, a type past one byte as a varint, and an empty payload as nothing', () => {
    expect([...encodeYjsFrame(YJS_MESSAGE_QUERY_AWARENESS)]).toEqual([3]);
    expect([...encodeYjsFrame(300, new Uint8Array([1]))]).toEqual([0xac, 0x02, 1]);
  });
});
