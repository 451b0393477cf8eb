/** numeric columns arrive from pg as strings: amounts in DKK are handled as numbers. */
export const dkk = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
