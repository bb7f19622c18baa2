/** Turns FormData with dotted names (`contacts.0.name`) into nested objects and arrays. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of formData.entries()) {
    if (name.startsWith('$ACTION')) continue;
    if (typeof value !== 'string') continue;
    const parts = name.split('.');
    let node: Record<string, unknown> | unknown[] = root;
    parts.forEach((part, index) => {
      const key: string | number = /^\d+$/.test(part) ? Number(part) : part;
      const last = index === parts.length - 1;
      const container = node as Record<string | number, unknown>;
      if (last) {
        container[key] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(parts[index + 1] ?? '');
      container[key] ??= nextIsIndex ? [] : {};
      node = container[key] as Record<string, unknown> | unknown[];
    });
  }
  // Sparse arrays (a removed contact row) become dense.
  const compact = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
    }
    return value;
  };
  return compact(root) as Record<string, unknown>;
}
