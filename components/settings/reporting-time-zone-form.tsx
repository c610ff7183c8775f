"use client";

import { useState } from "react";
import { updateReportingTimeZoneAction } from "@/app/_server/actions/reporting-time-zone";
import { Alert } from "@/components/ui/alert";
import { Field, Select } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

/**
 * The zone reports count days, weeks and months in. "Same as business hours" stores nothing, so
 * reports follow the business hours' zone (else UTC). Saved on change.
 */
export function ReportingTimeZoneForm({
  accountId,
  value,
  fallback,
  zones,
  canEdit,
}: {
  accountId: number;
  value: string | null;
  /** What reports use when no zone is chosen. */
  fallback: string;
  zones: string[];
  canEdit: boolean;
}) {
  const { run, pending, error } = useAction(updateReportingTimeZoneAction);
  const [zone, setZone] = useState(value ?? "");
  const [saved, setSaved] = useState(false);
  // A zone saved through the API under another spelling (an alias) is still shown as chosen.
  const choices = value && !zones.includes(value) ? [value, ...zones] : zones;
  return (
    <div className="space-y-3 p-5">
      <Field
        id="reporting-time-zone"
        label="Reporting time zone"
        hint="Reports and their CSV files count days, weeks and months from midnight in this zone. The API's timezone_offset still overrides it for one request."
      >
        <Select
          id="reporting-time-zone"
          value={zone}
          disabled={!canEdit || pending}
          onChange={(e) => {
            const next = e.target.value;
            setZone(next);
            setSaved(false);
            run({ accountId, reportingTimeZone: next === "" ? null : next }, () => setSaved(true));
          }}
        >
          <option value="">Same as business hours ({fallback})</option>
          {choices.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll("_", " ")}
            </option>
          ))}
        </Select>
      </Field>
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert tone="success">Reports now count days in {zone === "" ? fallback : zone}.</Alert> : null}
    </div>
  );
}
