import { describe, expect, it } from 'vitest';
import { createEventHub, type BridgeEventMessage } from './event-hub.js';

describe('createEventHub', () => {
  it('forwards valid events to every subscriber until it unsubscribes', () => {
    const hub = createEventHub();
    const a: BridgeEventMessage[] = [];
    const b: BridgeEventMessage[] = [];
    hub.subscribe((m) => a.push(m));
    const offB = hub.subscribe((m) => b.push(m));
    hub.emit('menu.command', 'item.new');
    offB();
    hub.emit('menu.command', 'theme.toggle');
    expect(a.map((m) => m.payload)).toEqual(['item.new', 'theme.toggle']);
    expect(b).toEqual([{ event: 'menu.command', payload: 'item.new' }]);
  });

  it('refuses an event whose payload breaks the contract, and sends nothing', () => {
    const hub = createEventHub();
    const heard: BridgeEventMessage[] = [];
    hub.subscribe((m) => heard.push(m));
    // @ts-expect-error -- deliberately outside the contract
    expect(() => hub.emit('menu.command', 'rm -rf')).toThrow(/invalid "menu.command" event/);
    expect(heard).toEqual([]);
  });
});
