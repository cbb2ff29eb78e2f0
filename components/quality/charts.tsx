"use client";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// Dashboard-only: hosted consumer pages never import this file, so recharts never reaches them.

const palette = ["#0f766e", "#2563eb", "#d97706", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#dc2626", "#475569"];

type Volume = { bucket: string } & Record<string, number | string>;

/** Stacked bars per day or week, one colour per channel, form or category. */
export function VolumeChart({ data, keys }: { data: Volume[]; keys: string[] }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="bucket" tick={{ fontSize: 11 }} tickFormatter={(d: string) => d.slice(5)} minTickGap={16} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {keys.map((k, i) => (
          <Bar key={k} dataKey={k} stackId="a" fill={palette[i % palette.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

type Rate = { name: string; "Opt-out rate": number; "Within 7 days": number; "Within 30 days": number };

/** Opt-out rates (percent) per category or form, beside the share who left within 7 and 30 days. */
export function RateChart({ data }: { data: Rate[] }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, data.length * 46 + 40)}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
        <XAxis type="number" unit="%" tick={{ fontSize: 11 }} />
        <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 11 }} />
        <Tooltip formatter={(v) => `${v}%`} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="Opt-out rate" fill="#dc2626" isAnimationActive={false} />
        <Bar dataKey="Within 30 days" fill="#f59e0b" isAnimationActive={false} />
        <Bar dataKey="Within 7 days" fill="#7c3aed" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

const ratingValue = { green: 3, yellow: 2, red: 1 } as const;
const ratingName: Record<number, string> = { 3: "High", 2: "Medium", 1: "Low" };

/** The rating as a step line over time, with a dashed line where a form version was published. */
export function RatingChart({
  points,
  markers,
  from,
  to,
}: {
  points: { at: string; rating: keyof typeof ratingValue | null }[];
  markers: { at: string; label: string }[];
  from: string;
  to: string;
}) {
  const data: { t: number; rating?: number }[] = [];
  let last: number | undefined;
  for (const p of points) {
    if (p.rating) last = ratingValue[p.rating];
    if (last !== undefined) data.push({ t: Date.parse(p.at), rating: last });
  }
  if (last !== undefined) data.push({ t: Date.parse(to), rating: last });
  const day = (t: number) => new Date(t).toISOString().slice(5, 10);
  return (
    <ResponsiveContainer width="100%" height={200}>
      <LineChart data={data} margin={{ top: 16, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="t" type="number" scale="time" domain={[Date.parse(from), Date.parse(to)]} tickFormatter={day} tick={{ fontSize: 11 }} />
        <YAxis domain={[0.5, 3.5]} ticks={[1, 2, 3]} tickFormatter={(v: number) => ratingName[v] ?? ""} width={64} tick={{ fontSize: 11 }} />
        <Tooltip labelFormatter={(t) => new Date(Number(t)).toISOString().slice(0, 10)} formatter={(v) => ratingName[Number(v)] ?? v} />
        {markers.map((m) => (
          <ReferenceLine
            key={m.at + m.label}
            x={Date.parse(m.at)}
            stroke="#64748b"
            strokeDasharray="4 3"
            label={{ value: "▲", position: "top", fontSize: 10, fill: "#64748b" }}
          />
        ))}
        <Line type="stepAfter" dataKey="rating" stroke="#0f766e" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
