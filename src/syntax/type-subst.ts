// Instantiation of a generic type alias: `type Pair<A, B> = { first: A, second: B }` used as
// `Pair<Thread, bool>`. Takes the alias declaration and the type arguments; returns the alias's
// type with each parameter replaced by its argument. Pure; it reports nothing (the checker judges
// arity and misuse) and shares every subtree that mentions no parameter.

import type { TypeDecl, TypeExpr } from './ast.js';

/**
 * The alias's type with its parameters replaced by `args` (a missing argument leaves the
 * parameter's name as written). `onCopy(original, copy)` is told of each node rebuilt on the
 * way, so a caller keeping side tables keyed by node can carry them over.
 */
export function instantiateAlias(
  decl: TypeDecl,
  args: readonly TypeExpr[],
  onCopy?: (original: TypeExpr, copy: TypeExpr) => void,
): TypeExpr {
  const byName = new Map<string, TypeExpr>();
  decl.params.forEach((p, i) => {
    const a = args[i];
    if (a !== undefined && p.name !== '') byName.set(p.name, a);
  });
  if (byName.size === 0) return decl.type;
  const copied = <T extends TypeExpr>(original: T, copy: T): T => {
    onCopy?.(original, copy);
    return copy;
  };
  const sub = (t: TypeExpr): TypeExpr => {
    switch (t.kind) {
      case 'NamedType': {
        const hit = byName.get(t.name.name);
        if (hit !== undefined && (t.args ?? []).length === 0) return hit;
        if (t.args === undefined || t.args.length === 0) return t;
        const args = t.args;
        const nargs = args.map(sub);
        return nargs.every((a, i) => a === args[i]) ? t : copied(t, { ...t, args: nargs });
      }
      case 'RecordType': {
        const fields = t.fields.map((f) => {
          const ft = sub(f.type);
          return ft === f.type ? f : { ...f, type: ft };
        });
        return fields.every((f, i) => f === t.fields[i]) ? t : copied(t, { ...t, fields });
      }
      case 'SetType':
      case 'SeqType': {
        const element = sub(t.element);
        return element === t.element ? t : copied(t, { ...t, element });
      }
      case 'MapType': {
        const key = sub(t.key);
        const value = sub(t.value);
        return key === t.key && value === t.value ? t : copied(t, { ...t, key, value });
      }
      case 'OptionalType': {
        const inner = sub(t.inner);
        return inner === t.inner ? t : copied(t, { ...t, inner });
      }
      default:
        return t;
    }
  };
  return sub(decl.type);
}
