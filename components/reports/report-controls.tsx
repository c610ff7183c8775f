"use client";

import Form from "next/form";
import { useState, type ReactNode } from "react";
import { GROUPINGS, RANGE_PRESETS, type RangeKey, type ReportQuery } from "./report-query";

const field = "h-9 rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-800";

/**
 * The report's view: period (last 7/30/90 days, or custom dates), grouping and the business-hours
 * switch, kept in the URL (a GET form navigated by Next, so a view can be shared as a link and
 * works without JavaScript through "Show"). A change applies at once; custom dates once both are
 * set. `picker` is the report's own choice (which agent, inbox…), submitted with the rest.
 */
export function ReportControls({ action, query, picker, download }: { action: string; query: ReportQuery; picker?: ReactNode; download?: ReactNode }) {
  const [range, setRange] = useState<RangeKey>(query.range);
  const submit = (form: HTMLFormElement | null) => form?.requestSubmit();
  return (
    <Form
      action={action}
      aria-label="Report period"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs"
      onChange={(event) => {
        const target = event.target as unknown as HTMLInputElement | HTMLSelectElement;
        if (target.name === "range" && target.value === "custom") return; // wait for the dates
        if ((target.name === "since" || target.name === "until") && !(target.form?.elements.namedItem("since") as HTMLInputElement)?.value) return;
        submit(target.form);
      }}
    >
      {picker}
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Period
        <select name="range" value={range} onChange={(e) => setRange(e.target.value as RangeKey)} className={field}>
          {RANGE_PRESETS.map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
          <option value="custom">Custom dates</option>
        </select>
      </label>
      {range === "custom" ? (
        <>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            From
            <input type="date" name="since" defaultValue={query.since} required className={field} />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            To
            <input type="date" name="until" defaultValue={query.until} required className={field} />
          </label>
        </>
      ) : null}
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Group by
        <select name="group_by" defaultValue={query.groupBy} className={field}>
          {GROUPINGS.map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="business_hours" value="true" defaultChecked={query.businessHours} className="size-4 accent-brand-600" />
        Business hours only
      </label>
      <button type="submit" className="h-9 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50">
        Show
      </button>
      {download ? <div className="ml-auto">{download}</div> : null}
    </Form>
  );
}
