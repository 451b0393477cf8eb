import { describe, expect, it } from '@jest/globals';
import { assign, setup } from 'xstate';
import type { Actor } from '../actor.js';
import { machineEdges } from '../testing/machine-edges.js';
import { machineFromTable } from './machine-from-table.js';
import type { MachineTable } from './machine-from-table.js';
import { defineWorkflow } from './workflow.js';
import { violation } from './rules.js';

// A toy declaration: a door that only its owner opens, counting how often.
type Ev = { type: 'OPEN' | 'CLOSE' | 'KNOCK'; actor: Actor; at: string };
interface Ctx {
  owner: string;
  opened: number;
}
const TABLE: MachineTable<Ev['type'], 'owner', 'count'> = {
  id: 'door',
  states: ['shut.locked', 'shut.unlocked', 'open', 'gone'],
  finalStates: ['gone'],
  rows: [
    { event: 'OPEN', from: 'shut.locked', to: 'open', rules: ['owner'], actions: ['count'] },
    { event: 'CLOSE', from: 'open', to: 'shut.unlocked', rules: [], actions: [] },
    { event: 'KNOCK', from: 'open', to: null, rules: [], actions: [] },
  ],
};
const RULES = {
  owner: (context: Ctx, event: Ev) =>
    event.actor.id === context.owner ? [] : [violation('NOT_OWNER', 'Kun ejeren.', 'Only the owner.')],
};
const generated = machineFromTable(TABLE);
const machine = setup({
  types: {} as { context: Ctx; events: Ev; input: { owner: string } },
  guards: {
    rules: ({ context, event }, params: { rules: readonly 'owner'[] }) =>
      params.rules.every((r) => RULES[r](context, event).length === 0),
  },
  actions: { count: assign(({ context }) => ({ opened: context.opened + 1 })) },
}).createMachine({
  id: 'door',
  context: ({ input }) => ({ owner: input.owner, opened: 0 }),
  initial: generated.initial,
  states: generated.states as Record<'shut' | 'open' | 'gone', Pick<(typeof generated.states)[string], 'on'>>,
});
const isCtx = (v: unknown): v is Ctx =>
  typeof v === 'object' && v !== null && 'opened' in v && typeof v.opened === 'number';
const door = defineWorkflow<typeof machine, Ctx, Ev, Ev['type'], 'owner', { owner: string }, null>({
  name: 'door',
  machine,
  version: 2,
  migrations: { 1: (p) => ({ ...(p as object), context: { ...(p as { context: object }).context, opened: 0 } }) },
  table: TABLE,
  isContext: isCtx,
  evaluate: (rules, { context, event }) => rules.flatMap((r) => RULES[r](context, event)),
  notAvailable: (type, from) => violation('EVENT_NOT_AVAILABLE', `${type} ikke i ${from}`, `${type} not in ${from}`),
  probeEvent: (type, actor) => ({ type, actor, at: '1970-01-01T00:00:00.000Z' }),
});
const OWNER: Actor = { id: 'me', roles: [], administrationId: null };
const OTHER: Actor = { id: 'you', roles: [], administrationId: null };
const at = '2026-01-01T00:00:00.000Z';

describe('machineFromTable', () => {
  it('nests dotted states, starts compound states in their first child, and guards every edge by its rules', () => {
    expect(generated.initial).toBe('shut');
    expect(generated.states.shut.initial).toBe('locked');
    expect(generated.states.gone.type).toBe('final');
    expect(machineEdges(machine).map((e) => [e.source, e.type, e.target, e.rules])).toEqual([
      ['shut.locked', 'OPEN', 'open', ['owner']],
      ['open', 'CLOSE', 'shut.unlocked', []],
      ['open', 'KNOCK', 'open', []],
    ]);
  });

  it('refuses tables that name unknown states, overlap, or leave a final state', () => {
    const bad = (rows: MachineTable<string, string, string>['rows']) => () =>
      machineFromTable({ ...TABLE, rows } as MachineTable<string, string, string>);
    expect(bad([{ event: 'X', from: 'nowhere', to: null, rules: [], actions: [] }])).toThrow('unknown state');
    expect(bad([{ event: 'X', from: 'open', to: 'nowhere', rules: [], actions: [] }])).toThrow('unknown state');
    const row = { event: 'X', from: 'open', to: null, rules: [], actions: [] };
    expect(bad([row, row])).toThrow('two rows for X in open');
    expect(bad([{ event: 'X', from: 'gone', to: null, rules: [], actions: [] }])).toThrow('final state gone');
  });
});

describe('defineWorkflow', () => {
  it('decides with the machine and explains a refusal with the same rules', () => {
    const { persisted } = door.start({ owner: 'me' });
    const refused = door.decide(persisted, { type: 'OPEN', actor: OTHER, at });
    expect(refused).toEqual({ ok: false, violations: [expect.objectContaining({ code: 'NOT_OWNER' })] });
    const opened = door.decide(persisted, { type: 'OPEN', actor: OWNER, at });
    expect(opened.ok && [opened.from.state, opened.to.state, opened.to.context.opened]).toEqual([
      'shut.locked',
      'open',
      1,
    ]);
    const notHere = door.decide(persisted, { type: 'CLOSE', actor: OWNER, at });
    expect(!notHere.ok && notHere.violations[0].code).toBe('EVENT_NOT_AVAILABLE');
  });

  it('lists the actions of a state with their reasons, and probes one', () => {
    const { persisted } = door.start({ owner: 'me' });
    expect(door.actions(persisted, OTHER, null)).toEqual([
      { type: 'OPEN', allowed: false, violations: [expect.objectContaining({ code: 'NOT_OWNER' })] },
    ]);
    expect(door.probe(persisted, 'OPEN', OWNER, null)).toEqual({ type: 'OPEN', allowed: true, violations: [] });
    expect(door.probe(persisted, 'KNOCK', OWNER, null).violations[0].code).toBe('EVENT_NOT_AVAILABLE');
  });

  it('restores with the machine version stored beside the state, migrating older ones and refusing newer', () => {
    const old = { value: { shut: 'locked' }, context: { owner: 'me' } };
    expect(() => door.view(old)).toThrow('Not a persisted door state');
    expect(door.view(old, 1)).toEqual({ state: 'shut.locked', final: false, context: { owner: 'me', opened: 0 } });
    expect(() => door.view(old, 0)).toThrow('machine version 0 cannot be restored by version 2');
    expect(() => door.view(old, 3)).toThrow('newer than this machine');
    expect(() => door.view({ value: 'nowhere', context: { owner: 'me', opened: 0 } })).toThrow('Not a persisted');
  });
});
