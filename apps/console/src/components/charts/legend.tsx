/** Legend labels in the text colour: the series colours are too light to read as text. */
export function legendText(value: string) {
  return <span className="legend-text">{value}</span>;
}
