import type { Field } from './schemaFields.ts';

/**
 * One form control for a schema field. `value` undefined = unset (an optional field's default).
 * Emits the new value, or undefined to unset it. Text the user is typing that is not yet a
 * number is passed through as a string, so validateScenario names the field ("must be a number").
 */
export function FieldInput({
  id,
  field,
  value,
  invalid,
  onChange,
}: {
  id: string;
  field: Field;
  value: unknown;
  invalid: boolean;
  onChange: (v: unknown) => void;
}) {
  const w = field.widget;
  const common = { id, 'aria-invalid': invalid || undefined, 'data-field': id } as const;
  if (w.kind === 'boolean')
    return (
      <select
        {...common}
        className="btn"
        value={value === undefined ? '' : String(value)}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true')}
      >
        {field.optional && <option value="">default</option>}
        <option value="true">yes</option>
        <option value="false">no</option>
      </select>
    );
  if (w.kind === 'choice')
    return (
      <select
        {...common}
        className="btn"
        value={value === undefined ? '' : String(value)}
        onChange={(e) => {
          const v = w.values.find((x) => String(x) === e.target.value);
          onChange(v);
        }}
      >
        {field.optional && <option value="">default</option>}
        {w.values.map((v) => (
          <option key={String(v)} value={String(v)}>
            {String(v)}
          </option>
        ))}
      </select>
    );
  if (w.kind === 'json') return <span className="fn">edit in the JSON view</span>;
  const parse = (s: string): unknown => {
    const t = s.trim();
    if (t === '') return field.optional ? undefined : s;
    if (w.kind === 'number-or' && w.words.includes(t)) return t;
    const n = Number(t);
    return Number.isFinite(n) ? n : s;
  };
  return (
    <input
      {...common}
      type="text"
      inputMode={w.kind === 'number' ? 'numeric' : 'text'}
      placeholder={field.optional ? 'default' : ''}
      title={
        w.kind === 'number-or'
          ? `${w.words.join(', ')} or a number ${w.min ?? ''}..${w.max ?? ''}`
          : `${w.min ?? ''}..${w.max ?? ''}`
      }
      value={value === undefined ? '' : String(value)}
      onChange={(e) => onChange(parse(e.target.value))}
      size={8}
    />
  );
}
