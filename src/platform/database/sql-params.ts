/**
 * The parameters of one SQL statement being built from parts: each part adds its values and gets their
 * placeholders (`$n`), so parts written apart (an agenda item, a notification) can go into one statement.
 */
export class SqlParams {
  readonly values: unknown[];

  constructor(initial: readonly unknown[] = []) {
    this.values = [...initial];
  }

  /** Adds a value; returns its placeholder, with the cast if one is given (`'::uuid'`). */
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}
