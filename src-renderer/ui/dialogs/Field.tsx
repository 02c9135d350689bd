import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  hint?: ReactNode;
  testId: string;
  /** Suggestions shown under the input as the user types (a native datalist). */
  suggestions?: readonly string[];
  autoFocusField?: boolean;
}

/** A labelled text input with an optional hint and suggestions. */
export function Field({ label, hint, testId, suggestions, autoFocusField, ...input }: FieldProps) {
  const id = useId();
  const hintId = useId();
  const listId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        spellCheck={false}
        autoComplete="off"
        aria-describedby={hint ? hintId : undefined}
        list={suggestions ? listId : undefined}
        data-testid={testId}
        data-autofocus={autoFocusField ? '' : undefined}
        {...input}
      />
      {suggestions && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
