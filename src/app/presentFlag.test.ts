import { describe, expect, it } from 'vitest';
import { splitPresentFlag } from './presentFlag.ts';

describe('splitPresentFlag', () => {
  it('takes &present=1 off a share link and leaves the link byte for byte', () => {
    expect(splitPresentFlag('v2.abcdef.XYZ-_&present=1')).toEqual({ frag: 'v2.abcdef.XYZ-_', present: true });
    expect(splitPresentFlag('present=1')).toEqual({ frag: '', present: true });
    expect(splitPresentFlag('present=1&v2.a.b')).toEqual({ frag: 'v2.a.b', present: true });
  });
  it('leaves links without the flag (or with another value) alone', () => {
    expect(splitPresentFlag('v2.abcdef.XYZ')).toEqual({ frag: 'v2.abcdef.XYZ', present: false });
    expect(splitPresentFlag('v2.a.b&present=0')).toEqual({ frag: 'v2.a.b&present=0', present: false });
    expect(splitPresentFlag('v2.a.notpresent=1x')).toEqual({ frag: 'v2.a.notpresent=1x', present: false });
  });
});
