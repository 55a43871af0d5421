// The rows of a raw `db.execute` result: node-postgres and PGlite shape it differently.
export function rowsOf<T> (res: unknown): T[] {
  return ((res as { rows?: T[] }).rows ?? (res as T[]))
}
