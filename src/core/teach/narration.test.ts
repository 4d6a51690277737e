import { describe, expect, it } from 'vitest';
import { narrationText, parseNarration } from './narration.ts';

describe('narration markup', () => {
  it('splits paragraphs on blank lines and joins wrapped lines', () => {
    expect(parseNarration('one\ntwo\n\n\nthree')).toEqual([
      [{ kind: 'text', text: 'one two' }],
      [{ kind: 'text', text: 'three' }],
    ]);
  });
  it('reads `code` and *emphasis*, code first', () => {
    expect(parseNarration('call `a*b*c` then *now*.')).toEqual([
      [
        { kind: 'text', text: 'call ' },
        { kind: 'code', text: 'a*b*c' },
        { kind: 'text', text: ' then ' },
        { kind: 'em', text: 'now' },
        { kind: 'text', text: '.' },
      ],
    ]);
  });
  it('keeps HTML and lone markers as literal text', () => {
    const p = parseNarration('<b>x</b> 2 * 3 and a ` alone');
    expect(p).toEqual([[{ kind: 'text', text: '<b>x</b> 2 * 3 and a ` alone' }]]);
  });
  it('gives plain words for announcements', () => {
    expect(narrationText('a `b`\n\n*c*')).toBe('a b c');
  });
});
