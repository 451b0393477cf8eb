/**
 * The one table → machine generator. A workflow declares its transitions as
 * rows (from → event → to, the named rules that guard it, the context updates
 * it performs); this turns them into the `initial` and `states` of an XState
 * machine config. Every transition is guarded by the single `rules` guard,
 * whose params name the rows' rules and the state it leaves, so the machine
 * and the "why not" explanations evaluate the very same rules.
 */

/** One transition, with its states written as dotted paths of atomic states ('mapping.drafting', 'running'). */
export interface TableRow<E extends string = string, R extends string = string, A extends string = string> {
  event: E;
  from: string;
  /** null: stays in `from` and only updates the context. */
  to: string | null;
  /** All must be met; every violation is reported. */
  rules: readonly R[];
  /** Context updates (assign actions of the machine), in order. */
  actions: readonly A[];
}

export interface RulesGuardParams<R extends string = string> {
  /** The atomic state the transition leaves. */
  from: string;
  rules: readonly R[];
}

export interface GeneratedTransition<R extends string = string, A extends string = string> {
  target?: string;
  guard: { type: 'rules'; params: RulesGuardParams<R> };
  actions: { type: A }[];
}

export interface GeneratedState<R extends string = string, A extends string = string> {
  type?: 'final';
  initial?: string;
  states?: Record<string, GeneratedState<R, A>>;
  on?: Record<string, GeneratedTransition<R, A>>;
}

export interface MachineTable<E extends string, R extends string, A extends string> {
  /** The machine's id (targets are written `#id.path`). */
  id: string;
  /**
   * Every atomic state, as a dotted path, in order; the first is the initial state. A compound state starts in its
   * first child.
   */
  states: readonly string[];
  finalStates: readonly string[];
  rows: readonly TableRow<E, R, A>[];
}

/** `initial` and `states` for createMachine, checked: rows name known states, never overlap, final states have none. */
export function machineFromTable<E extends string, R extends string, A extends string>(
  table: MachineTable<E, R, A>,
): { initial: string; states: Record<string, GeneratedState<R, A>> } {
  const known = new Set(table.states);
  for (const final of table.finalStates) if (!known.has(final)) throw new Error(`${table.id}: unknown final ${final}`);
  const root: Record<string, GeneratedState<R, A>> = {};
  for (const path of table.states) {
    const parts = path.split('.');
    let level = root;
    parts.forEach((part, i) => {
      const node = (level[part] ??= {});
      if (i === parts.length - 1) {
        node.on = {};
        if (table.finalStates.includes(path)) node.type = 'final';
        return;
      }
      node.initial ??= parts[i + 1];
      level = node.states ??= {};
    });
  }
  for (const row of table.rows) {
    if (!known.has(row.from)) throw new Error(`${table.id}: ${row.event} from unknown state ${row.from}`);
    if (row.to !== null && !known.has(row.to)) throw new Error(`${table.id}: ${row.event} to unknown state ${row.to}`);
    if (table.finalStates.includes(row.from)) throw new Error(`${table.id}: final state ${row.from} has transitions`);
    const node = nodeAt(root, row.from);
    const on = (node.on ??= {});
    if (on[row.event]) throw new Error(`${table.id}: two rows for ${row.event} in ${row.from}`);
    on[row.event] = {
      ...(row.to === null ? {} : { target: `#${table.id}.${row.to}` }),
      guard: { type: 'rules', params: { from: row.from, rules: row.rules } },
      actions: row.actions.map((type) => ({ type })),
    };
  }
  return { initial: table.states[0].split('.')[0], states: root };
}

function nodeAt<R extends string, A extends string>(
  root: Record<string, GeneratedState<R, A>>,
  path: string,
): GeneratedState<R, A> {
  const parts = path.split('.');
  let node = root[parts[0]];
  for (const part of parts.slice(1)) node = node.states![part];
  return node;
}

/** The row that handles `event` in the atomic state `from`, if any. */
export function findRow<E extends string, R extends string, A extends string>(
  rows: readonly TableRow<E, R, A>[],
  event: E,
  from: string,
): TableRow<E, R, A> | undefined {
  return rows.find((row) => row.event === event && row.from === from);
}

/**
 * The context of XState's throwaway actor. Its pure `transition()` builds an actor of the machine, without
 * input, on every call and discards it; a context function that read the missing input threw a TypeError
 * there, which XState caught: an exception thrown and caught on every transition (a fifth of the plan
 * machine's time in bench:transitions). Never persisted: `start` always gives input.
 */
export function blankContext<C>(): C {
  return {} as C;
}
