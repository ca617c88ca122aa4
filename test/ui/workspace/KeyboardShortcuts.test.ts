// Which shortcut a key press stands for (KeyboardShortcuts.tsx): Shift makes the key upper-case.
import { describe, expect, it } from 'vitest';
import { shortcutOf } from '../../../src/ui/workspace/KeyboardShortcuts';

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({ key: k, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift, altKey: !!mods.alt });

describe('keyboard shortcuts', () => {
  it('Ctrl+Z undoes; Ctrl+Shift+Z (key "Z") and Ctrl+Y redo; ⌘ works as Ctrl', () => {
    expect(shortcutOf(key('z', { ctrl: true }), false)).toBe('undo');
    expect(shortcutOf(key('Z', { ctrl: true, shift: true }), false)).toBe('redo');
    expect(shortcutOf(key('y', { ctrl: true }), false)).toBe('redo');
    expect(shortcutOf(key('z', { meta: true }), false)).toBe('undo');
    expect(shortcutOf(key('Z', { meta: true, shift: true }), false)).toBe('redo');
    expect(shortcutOf(key('Z', { ctrl: true }), false)).toBe('undo'); // Caps Lock on
  });

  it('leaves typing alone (the field keeps its own undo), except Escape', () => {
    expect(shortcutOf(key('z', { ctrl: true }), true)).toBeNull();
    expect(shortcutOf(key('y', { ctrl: true }), true)).toBeNull();
    expect(shortcutOf(key('/'), true)).toBeNull();
    expect(shortcutOf(key('Escape'), true)).toBe('escape');
  });

  it('plain keys and other combinations are not shortcuts', () => {
    expect(shortcutOf(key('z'), false)).toBeNull();
    expect(shortcutOf(key('z', { ctrl: true, alt: true }), false)).toBeNull();
    expect(shortcutOf(key('/'), false)).toBe('search');
  });
});
