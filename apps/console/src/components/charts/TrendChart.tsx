import type { Forecast, TrendPoint } from "@bvte/api";
import { useTranslation } from "react-i18next";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatDate, formatNumber } from "../../i18n/index.ts";
import { useConsole } from "../../store.ts";
import { legendText } from "./legend.tsx";

const DAY = 86_400_000;
/** The forecast line is drawn at most this far past the deadline (or the last point). */
const FORECAST_REACH = 180 * DAY;

const time = (date: string) => Date.parse(`${date}T00:00:00Z`);
const dayLabel = (ms: number) => formatDate(new Date(ms).toISOString());

/**
 * People trained over time against the number the target needs, with the forecast at the current
 * pace as a dashed line and the deadline marked. The same figures are in a table beside it.
 */
export default function TrendChart({ trend, forecast }: { trend: TrendPoint[]; forecast: Forecast }) {
  const { t } = useTranslation();
  const language = useConsole((state) => state.language);
  const points = trend.map((point) => ({
    x: time(point.date),
    trained: point.trained,
    required: point.required,
  }));
  const last = points.at(-1);
  const deadline = forecast.deadline ? time(forecast.deadline) : null;
  const reach = Math.max(last?.x ?? 0, deadline ?? 0) + FORECAST_REACH;
  let projection: { x: number; forecast: number }[] = [];
  if (
    last &&
    forecast.pacePer30Days > 0 &&
    (forecast.status === "on-track" || forecast.status === "after-deadline")
  ) {
    const end = forecast.projectedDate ? Math.min(time(forecast.projectedDate), reach) : reach;
    const gained = ((end - last.x) / DAY) * (forecast.pacePer30Days / 30);
    projection = [
      { x: last.x, forecast: last.trained },
      { x: end, forecast: Math.min(last.required, Math.round(last.trained + gained)) },
    ];
  }
  const xMax = Math.max(last?.x ?? 0, deadline ?? 0, projection.at(-1)?.x ?? 0);
  return (
    <figure className="chart" aria-label={t("trend.caption")}>
      <ResponsiveContainer width="100%" height={320}>
        <LineChart margin={{ top: 10, right: 24, bottom: 10, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            scale="time"
            domain={[points[0]?.x ?? "dataMin", xMax || "dataMax"]}
            tickFormatter={dayLabel}
            allowDuplicatedCategory={false}
          />
          <YAxis allowDecimals={false} tickFormatter={(value: number) => formatNumber(value, language)} />
          <Tooltip
            labelFormatter={(value) => dayLabel(Number(value))}
            formatter={(value) => formatNumber(Number(value), language)}
          />
          <Legend formatter={legendText} />
          <Line
            data={points}
            dataKey="required"
            name={t("trend.required")}
            type="stepAfter"
            stroke="#a40e26"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            data={points}
            dataKey="trained"
            name={t("trend.trained")}
            stroke="#0b5394"
            strokeWidth={3}
            isAnimationActive={false}
          />
          {projection.length > 0 && (
            <Line
              data={projection}
              dataKey="forecast"
              name={t("trend.forecast")}
              stroke="#0b5394"
              strokeDasharray="6 4"
              dot={false}
              isAnimationActive={false}
            />
          )}
          {deadline !== null && (
            <ReferenceLine
              x={deadline}
              stroke="#57606a"
              strokeDasharray="2 2"
              label={formatDate(forecast.deadline ?? "")}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="muted small">{t("trend.caption")}</figcaption>
    </figure>
  );
}
