/**
 * Hand-written SVG charts (no chart library: four small shapes do not justify 100+ KB). Each
 * chart has a title for screen readers and a hidden table with the same numbers.
 */
export interface Datum {
  label: string;
  value: number;
  /** Shown instead of the raw value (formatted money, percent…). */
  display?: string;
}

const PALETTE = ['#1d4ed8', '#0f766e', '#b45309', '#7c3aed', '#be123c', '#15803d', '#0369a1', '#a16207'];
export const colorOf = (index: number) => PALETTE[index % PALETTE.length]!;

function DataTable({ caption, rows }: { caption: string; rows: Datum[] }) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{row.display ?? row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BarChart({ title, data }: { title: string; data: Datum[] }) {
  const max = Math.max(1, ...data.map((datum) => datum.value));
  const rowHeight = 30;
  const height = data.length * rowHeight + 8;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 400 ${height}`} role="img" aria-label={title} preserveAspectRatio="xMinYMin meet">
        {data.map((datum, index) => {
          const width = Math.max(2, (datum.value / max) * 230);
          const y = index * rowHeight + 4;
          return (
            <g key={datum.label}>
              <text x="0" y={y + 17} className="chart-label">
                {datum.label.length > 18 ? `${datum.label.slice(0, 17)}…` : datum.label}
              </text>
              <rect x="120" y={y + 4} width={width} height={rowHeight - 10} rx="3" fill={colorOf(index)} />
              <text x={124 + width} y={y + 17} className="chart-value">
                {datum.display ?? datum.value}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable caption={title} rows={data} />
    </figure>
  );
}

export function FunnelChart({ title, data }: { title: string; data: Datum[] }) {
  const max = Math.max(1, ...data.map((datum) => datum.value));
  const rowHeight = 32;
  const height = data.length * rowHeight + 4;
  // Stage names on the left, the bars centred in the rest (a funnel), the figure on the right.
  const area = { left: 120, width: 220 };
  return (
    <figure className="chart">
      <svg viewBox={`0 0 400 ${height}`} role="img" aria-label={title}>
        {data.map((datum, index) => {
          const width = Math.max(4, (datum.value / max) * area.width);
          const x = area.left + (area.width - width) / 2;
          const y = index * rowHeight + 2;
          return (
            <g key={datum.label}>
              <text x="0" y={y + 18} className="chart-label">
                {datum.label.length > 18 ? `${datum.label.slice(0, 17)}…` : datum.label}
              </text>
              <rect x={x} y={y} width={width} height={rowHeight - 6} rx="4" fill={colorOf(index)} />
              <text x={area.left + area.width + 8} y={y + 18} className="chart-value">
                {datum.display ?? datum.value}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable caption={title} rows={data} />
    </figure>
  );
}

export function DonutChart({ title, data }: { title: string; data: Datum[] }) {
  const total = data.reduce((sum, datum) => sum + datum.value, 0);
  let angle = -Math.PI / 2;
  const arcs = data.map((datum, index) => {
    const sweep = total === 0 ? 0 : (datum.value / total) * Math.PI * 2;
    const start = angle;
    angle += sweep;
    const large = sweep > Math.PI ? 1 : 0;
    const point = (a: number, r: number) => `${60 + r * Math.cos(a)} ${60 + r * Math.sin(a)}`;
    const path =
      sweep >= Math.PI * 2 - 1e-6 ? `M ${point(0, 50)} A 50 50 0 1 1 ${point(Math.PI, 50)} A 50 50 0 1 1 ${point(0, 50)}` : `M ${point(start, 50)} A 50 50 0 ${large} 1 ${point(angle, 50)}`;
    return <path key={datum.label} d={path} fill="none" stroke={colorOf(index)} strokeWidth="18" />;
  });
  return (
    <figure className="chart chart-donut">
      <svg viewBox="0 0 120 120" role="img" aria-label={title} width="160" height="160">
        {total > 0 ? arcs : <circle cx="60" cy="60" r="50" fill="none" stroke="#d4d4d8" strokeWidth="18" />}
        <text x="60" y="66" textAnchor="middle" className="chart-total">
          {total}
        </text>
      </svg>
      <ul className="legend">
        {data.map((datum, index) => (
          <li key={datum.label}>
            <span className="swatch" style={{ background: colorOf(index) }} aria-hidden="true" />
            {datum.label}: {datum.display ?? datum.value}
          </li>
        ))}
      </ul>
    </figure>
  );
}

export interface Series {
  name: string;
  values: number[];
}

export function LineChart({ title, labels, series }: { title: string; labels: string[]; series: Series[] }) {
  const max = Math.max(1, ...series.flatMap((line) => line.values));
  const width = 400;
  const height = 180;
  const left = 30;
  const bottom = 24;
  const x = (index: number) => left + (labels.length <= 1 ? (width - left) / 2 : (index / (labels.length - 1)) * (width - left - 10));
  const y = (value: number) => height - bottom - (value / max) * (height - bottom - 10);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        <line x1={left} y1={height - bottom} x2={width} y2={height - bottom} stroke="#a1a1aa" />
        <text x="0" y="14" className="chart-label">
          {max}
        </text>
        {labels.map((label, index) => (
          <text key={label} x={x(index)} y={height - 6} textAnchor="middle" className="chart-label">
            {label}
          </text>
        ))}
        {series.map((line, lineIndex) => (
          <g key={line.name}>
            <polyline fill="none" stroke={colorOf(lineIndex)} strokeWidth="2.5" points={line.values.map((value, index) => `${x(index)},${y(value)}`).join(' ')} />
            {line.values.map((value, index) => (
              <circle key={index} cx={x(index)} cy={y(value)} r="3" fill={colorOf(lineIndex)} />
            ))}
          </g>
        ))}
      </svg>
      <ul className="legend legend-inline">
        {series.map((line, index) => (
          <li key={line.name}>
            <span className="swatch" style={{ background: colorOf(index) }} aria-hidden="true" />
            {line.name}
          </li>
        ))}
      </ul>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {series.map((line) => (
              <th key={line.name} scope="col">
                {line.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, index) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {series.map((line) => (
                <td key={line.name}>{line.values[index] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/**
 * Horizontal bars grouped by label, one bar per series (e.g. created and done per seller, value and
 * weighted value per month); `format` writes each figure next to its bar and in the hidden table.
 */
export function GroupedBarChart({ title, labels, series, format = String }: { title: string; labels: string[]; series: Series[]; format?: (value: number) => string }) {
  const max = Math.max(1, ...series.flatMap((line) => line.values));
  const bar = 12;
  const groupHeight = series.length * (bar + 3) + 10;
  const height = labels.length * groupHeight + 4;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 400 ${height}`} role="img" aria-label={title} preserveAspectRatio="xMinYMin meet">
        {labels.map((label, index) => {
          const top = index * groupHeight + 4;
          return (
            <g key={label}>
              <text x="0" y={top + groupHeight / 2} className="chart-label">
                {label.length > 18 ? `${label.slice(0, 17)}…` : label}
              </text>
              {series.map((line, lineIndex) => {
                const value = line.values[index] ?? 0;
                const width = Math.max(2, (value / max) * 200);
                const y = top + lineIndex * (bar + 3);
                return (
                  <g key={line.name}>
                    <rect x="120" y={y} width={width} height={bar} rx="2" fill={colorOf(lineIndex)} />
                    <text x={124 + width} y={y + bar - 2} className="chart-value">
                      {format(value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <ul className="legend legend-inline">
        {series.map((line, index) => (
          <li key={line.name}>
            <span className="swatch" style={{ background: colorOf(index) }} aria-hidden="true" />
            {line.name}
          </li>
        ))}
      </ul>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {series.map((line) => (
              <th key={line.name} scope="col">
                {line.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, index) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {series.map((line) => (
                <td key={line.name}>{format(line.values[index] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
