/**
 * The one set of workflow helpers: start, restore (with the machine
 * version), decide, probe and actions-with-reasons, for any machine generated
 * by machineFromTable. The machine decides (snapshot.can, never private
 * fields); when it refuses, the declaration's named rules explain why, and
 * where the two disagree the helpers throw, so a drift between them cannot go
 * unnoticed.
 */
import { initialTransition, transition } from 'xstate';
import type { AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';
import type { Actor } from '../actor.js';
import type { RuleViolation } from '../rule-violation.js';
import { findRow } from './machine-from-table.js';
import type { MachineTable } from './machine-from-table.js';

/** A JSON-serialisable persisted XState snapshot. */
export type PersistedState = unknown;

export interface WorkflowEventBase<E extends string> {
  type: E;
  actor: Actor;
  /** ISO timestamp of the event. */
  at: string;
}

export interface StateAndContext<C> {
  /** The atomic state as a dotted path ('mapping.submitted', 'running'). */
  state: string;
  final: boolean;
  context: C;
}

export type WorkflowDecision<C> =
  | { ok: true; persisted: PersistedState; from: StateAndContext<C>; to: StateAndContext<C> }
  | { ok: false; violations: RuleViolation[] };

export interface WorkflowAction<E extends string> {
  type: E;
  allowed: boolean;
  violations: RuleViolation[];
}

/** What a declaration gives the kit. */
export interface WorkflowSpec<
  M extends AnyStateMachine,
  C,
  Ev extends WorkflowEventBase<E>,
  E extends string,
  R extends string,
  F,
> {
  /** 'plan', 'project': used in error messages. */
  name: string;
  machine: M;
  /** The version stored with each snapshot; bump it when states or context change shape. */
  version: number;
  /** Migrations of persisted states from an older machine version (key: the version migrated from). */
  migrations?: Partial<Record<number, (persisted: PersistedState) => PersistedState>>;
  /** The table the machine was generated from. */
  table: MachineTable<E, R, string>;
  isContext: (value: unknown) => value is C;
  evaluate: (rules: readonly R[], input: { context: C; event: Ev; from: string }) => RuleViolation[];
  /** Why `type` does not apply at all in the state `from`. */
  notAvailable: (type: E, from: string) => RuleViolation;
  /**
   * The event an actor would send to try `type`, with placeholder payload: a probe judges the actor and the facts only.
   */
  probeEvent: (type: E, actor: Actor, facts: F) => Ev;
}

export interface Workflow<C, Ev extends WorkflowEventBase<E>, E extends string, I, F> {
  readonly name: string;
  readonly version: number;
  start(input: I): { persisted: PersistedState; state: StateAndContext<C> };
  /** The state as stored; `machineVersion` (the column stored beside it) migrates older snapshots first. */
  view(persisted: PersistedState, machineVersion?: number): StateAndContext<C>;
  decide(persisted: PersistedState, event: Ev, machineVersion?: number): WorkflowDecision<C>;
  /** Whether `actor` may cause `type` now, and if not, why not (placeholder payload). */
  probe(persisted: PersistedState, type: E, actor: Actor, facts: F): WorkflowAction<E>;
  /** Every event that applies in the current state, with `probe`'s answer for each. */
  actions(persisted: PersistedState, actor: Actor, facts: F, machineVersion?: number): WorkflowAction<E>[];
}

/** `decide`, with the two states seen through a declaration's own view of them. */
export function decideViewed<C, Ev extends WorkflowEventBase<E>, E extends string, I, F, V>(
  workflow: Workflow<C, Ev, E, I, F>,
  view: (state: StateAndContext<C>) => V,
  persisted: PersistedState,
  event: Ev,
  machineVersion?: number,
): { ok: true; persisted: PersistedState; from: V; to: V } | { ok: false; violations: RuleViolation[] } {
  const decision = workflow.decide(persisted, event, machineVersion);
  return decision.ok ? { ...decision, from: view(decision.from), to: view(decision.to) } : decision;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStateValue(value: unknown): value is StateValue {
  return (
    typeof value === 'string' ||
    (isRecord(value) && Object.values(value).every((v) => v === undefined || isStateValue(v)))
  );
}

/** 'mapping.drafting' for { mapping: 'drafting' }. */
function pathOf(value: StateValue): string {
  if (typeof value === 'string') return value;
  const keys = Object.keys(value);
  if (keys.length !== 1) throw new Error(`Not one atomic state: ${JSON.stringify(value)}`);
  const child = value[keys[0]];
  return child === undefined ? keys[0] : `${keys[0]}.${pathOf(child)}`;
}

export function defineWorkflow<
  M extends AnyStateMachine,
  C,
  Ev extends WorkflowEventBase<E>,
  E extends string,
  R extends string,
  I,
  F,
>(spec: WorkflowSpec<M, C, Ev, E, R, F>): Workflow<C, Ev, E, I, F> {
  type Snapshot = AnyMachineSnapshot;
  const { name } = spec;
  const { rows, states: atomicStates, finalStates } = spec.table;
  const machine: AnyStateMachine = spec.machine;

  const persist = (snapshot: Snapshot): PersistedState =>
    // A JSON round trip guarantees that what we hand out is plain data.
    JSON.parse(JSON.stringify(machine.getPersistedSnapshot(snapshot))) as unknown;

  const migrate = (persisted: PersistedState, from: number): PersistedState => {
    let state = persisted;
    for (let v = from; v < spec.version; v++) {
      const step = spec.migrations?.[v];
      if (!step)
        throw new Error(`A ${name} state of machine version ${v} cannot be restored by version ${spec.version}`);
      state = step(state);
    }
    if (from > spec.version)
      throw new Error(`A ${name} state of machine version ${from} is newer than this machine (${spec.version})`);
    return state;
  };

  const isKnownState = (value: StateValue): boolean => {
    try {
      return atomicStates.includes(pathOf(value));
    } catch {
      return false;
    }
  };

  const restore = (persisted: PersistedState, machineVersion = spec.version): Snapshot => {
    const state = machineVersion === spec.version ? persisted : migrate(persisted, machineVersion);
    if (
      !isRecord(state) ||
      !isStateValue(state.value) ||
      !isKnownState(state.value) ||
      !spec.isContext(state.context)
    ) {
      throw new Error(`Not a persisted ${name} state`);
    }
    // resolveState throws if the value names no state of this machine.
    return machine.resolveState({ value: state.value, context: state.context }) as Snapshot;
  };

  const stateOf = (snapshot: Snapshot): string => {
    const path = pathOf(snapshot.value as StateValue);
    if (!atomicStates.includes(path)) throw new Error(`Unknown ${name} state ${JSON.stringify(snapshot.value)}`);
    return path;
  };

  const view = (snapshot: Snapshot): StateAndContext<C> => {
    const state = stateOf(snapshot);
    return { state, final: finalStates.includes(state), context: snapshot.context as C };
  };

  const judge = (snapshot: Snapshot, from: string, event: Ev): WorkflowAction<E> => {
    const row = findRow(rows, event.type, from);
    if (!row) throw new Error(`${name}: no row for ${event.type} in ${from}`);
    const violations = spec.evaluate(row.rules, { context: snapshot.context as C, event, from });
    const allowed = snapshot.can(event);
    if (allowed !== (violations.length === 0))
      throw new Error(`The ${name} machine and its rules disagree on ${event.type} in ${from}`);
    return { type: event.type, allowed, violations };
  };

  return {
    name,
    version: spec.version,

    start(input) {
      const [snapshot] = initialTransition(machine, input as unknown);
      return { persisted: persist(snapshot as Snapshot), state: view(snapshot as Snapshot) };
    },

    view: (persisted, machineVersion) => view(restore(persisted, machineVersion)),

    decide(persisted, event, machineVersion) {
      const snapshot = restore(persisted, machineVersion);
      const from = view(snapshot);
      if (snapshot.can(event)) {
        const [next] = transition(machine, snapshot, event);
        return { ok: true, persisted: persist(next as Snapshot), from, to: view(next as Snapshot) };
      }
      if (!findRow(rows, event.type, from.state))
        return { ok: false, violations: [spec.notAvailable(event.type, from.state)] };
      const { violations } = judge(snapshot, from.state, event);
      if (violations.length === 0)
        throw new Error(`The ${name} machine refused ${event.type} in ${from.state} but no rule explains why`);
      return { ok: false, violations };
    },

    probe(persisted, type, actor, facts) {
      const snapshot = restore(persisted);
      const from = stateOf(snapshot);
      if (!findRow(rows, type, from)) return { type, allowed: false, violations: [spec.notAvailable(type, from)] };
      return judge(snapshot, from, spec.probeEvent(type, actor, facts));
    },

    actions(persisted, actor, facts, machineVersion) {
      const snapshot = restore(persisted, machineVersion);
      const from = stateOf(snapshot);
      return rows
        .filter((row) => row.from === from)
        .map((row) => judge(snapshot, from, spec.probeEvent(row.event, actor, facts)));
    },
  };
}
