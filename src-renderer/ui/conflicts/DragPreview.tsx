const PREVIEW_LINES = 8;

/** What follows the pointer while a side's lines are dragged: whose lines, and the first few of them. */
export function DragPreview({ label, lines }: { label: string; lines: readonly string[] }) {
  const shown = lines.slice(0, PREVIEW_LINES);
  return (
    <div className="drag-preview" data-testid="drag-preview" aria-hidden>
      <div className="drag-preview-title">{label.charAt(0).toUpperCase() + label.slice(1)}</div>
      {shown.map((line, i) => (
        <div className="drag-preview-line" key={i}>
          {line.replace(/\r?\n$/, '') || ' '}
        </div>
      ))}
      {lines.length > PREVIEW_LINES && (
        <div className="drag-preview-more">and {lines.length - PREVIEW_LINES} more lines</div>
      )}
      {lines.length === 0 && <div className="drag-preview-more">No lines: this side removed them</div>}
    </div>
  );
}
