/**
 * Reads a workflow machine's own definition for the tests derived from it:
 * its atomic and final states, and every (state, event) edge with the target
 * it declares and the rules its guard checks. Test support only (imported
 * by *.spec.ts); the machines guard every transition with the `rules` guard.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';

export interface MachineEdge<S extends string, E extends string, R extends string> {
  source: S;
  type: E;
  /** As declared: the target state node, or the source for a targetless (context-only) transition. */
  target: S;
  targetIsFinal: boolean;
  rules: readonly R[];
}

/** 'mapping.drafting', …, 'closed': the same spelling as the workflow's state values. */
export const stateName = (node: AnyStateNode): string => node.path.join('.');

function leavesOf(node: AnyStateNode): AnyStateNode[] {
  const children = Object.values(node.states) as AnyStateNode[];
  return children.length === 0 ? [node] : children.flatMap(leavesOf);
}

function ancestry(node: AnyStateNode): AnyStateNode[] {
  return node.parent ? [node, ...ancestry(node.parent)] : [node];
}

/** Every atomic or final state of the machine. */
export function machineStates<S extends string>(machine: AnyStateMachine): S[] {
  return leavesOf(machine.root).map((node) => stateName(node) as S);
}

/** The machine's final states. */
export function finalStates<S extends string>(machine: AnyStateMachine): S[] {
  return leavesOf(machine.root)
    .filter((node) => node.type === 'final')
    .map((node) => stateName(node) as S);
}

/** Every event type: the domain's own list and whatever else the machine's definition names. */
export function machineEventTypes<E extends string>(machine: AnyStateMachine, declared: readonly E[]): E[] {
  return [...new Set([...declared, ...(machine.root.events as E[])])];
}

/** Every (state, event) transition the machine defines, read from its state nodes (own and inherited `on`). */
export function machineEdges<S extends string, E extends string, R extends string>(
  machine: AnyStateMachine,
): MachineEdge<S, E, R>[] {
  return leavesOf(machine.root).flatMap((leaf) =>
    ancestry(leaf).flatMap((node) =>
      [...node.transitions.entries()].flatMap(([descriptor, definitions]) =>
        definitions.map((definition): MachineEdge<S, E, R> => {
          const guard = definition.guard as { type: string; params: { rules: readonly R[] } } | undefined;
          if (guard?.type !== 'rules')
            throw new Error(`${descriptor} in ${stateName(leaf)}: unexpected guard ${JSON.stringify(guard)}`);
          const targets = (definition.target as AnyStateNode[] | undefined) ?? [leaf];
          if (targets.length !== 1) throw new Error(`${descriptor} in ${stateName(leaf)}: ${targets.length} targets`);
          return {
            source: stateName(leaf) as S,
            type: descriptor as E,
            target: stateName(targets[0]) as S,
            targetIsFinal: targets[0].type === 'final',
            rules: guard.params.rules,
          };
        }),
      ),
    ),
  );
}

/** Every (state, event) pair the machine does not accept. */
export function unavailablePairs<S extends string, E extends string>(
  states: readonly S[],
  types: readonly E[],
  edges: readonly { source: S; type: E }[],
) {
  return states.flatMap((source) =>
    types
      .filter((type) => !edges.some((edge) => edge.source === source && edge.type === type))
      .map((type) => ({ source, type })),
  );
}
