/** English counts as people write them: 1 cell, 2 cells (Chinese needs no such form). */
export function plural(count: number, one: string, other: string): string {
  return `${count} ${count === 1 ? one : other}`;
}
