import type { CourseFunnel, CourseName } from "@bvte/api";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber } from "../../i18n/index.ts";
import { useConsole } from "../../store.ts";
import { legendText } from "./legend.tsx";

/** Each required course as one stacked bar: not started, in progress, completed, passed. */
export default function FunnelChart({ funnel, courses }: { funnel: CourseFunnel[]; courses: CourseName[] }) {
  const { t } = useTranslation();
  const language = useConsole((state) => state.language);
  const data = funnel.map((course) => ({
    ...course,
    name: courses.find((candidate) => candidate.id === course.courseId)?.title[language] ?? course.courseId,
  }));
  const stages = [
    { key: "passed", label: t("cohort.passed"), color: "#116329" },
    { key: "completed", label: t("cohort.completed"), color: "#7bb38a" },
    { key: "inProgress", label: t("cohort.inProgress"), color: "#e8a317" },
    { key: "notStarted", label: t("cohort.notStarted"), color: "#aab1b9" },
  ];
  return (
    <figure className="chart" aria-label={t("funnel.caption")}>
      <ResponsiveContainer width="100%" height={Math.max(140, 70 * data.length + 60)}>
        <BarChart data={data} layout="vertical" margin={{ top: 10, right: 24, bottom: 10, left: 10 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            allowDecimals={false}
            tickFormatter={(value: number) => formatNumber(value, language)}
          />
          <YAxis type="category" dataKey="name" width={180} />
          <Tooltip formatter={(value) => formatNumber(Number(value), language)} />
          <Legend formatter={legendText} />
          {stages.map((stage) => (
            <Bar
              key={stage.key}
              dataKey={stage.key}
              name={stage.label}
              stackId="stages"
              fill={stage.color}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="muted small">{t("funnel.caption")}</figcaption>
    </figure>
  );
}
