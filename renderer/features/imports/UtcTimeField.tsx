// A labelled date-and-time field to the second, read as UTC: when a real change was made, where a query starts and
// ends. The value is the input's own `YYYY-MM-DDTHH:MM:SS` text; the caller parses it.
export function UtcTimeField(props: {
  label: string;
  /** The accessible name (the visible label is short). */
  name: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type="datetime-local"
        step="1"
        aria-label={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
