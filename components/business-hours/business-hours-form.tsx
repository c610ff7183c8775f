"use client";

import { useState, type FormEvent } from "react";
import { updateAccountBusinessHoursAction, updateInboxBusinessHoursAction } from "@/app/_server/actions/business-hours";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { DAY_NAMES, formatRanges } from "@/lib/business-hours/ranges-text";
import type { Schedule } from "@/lib/business-hours/schedule";

type Target = { kind: "account" } | { kind: "inbox"; inboxId: number; enabled: boolean; outOfOfficeMessage: string | null; accountHasHours: boolean };

/**
 * Business hours for the account (its default) or one inbox (on/off, its own hours or the
 * account's, and the reply sent to mail that arrives outside them). Days are written as ranges,
 * "09:00-12:00, 13:00-17:00"; blank is closed, "24h" open all day.
 */
export function BusinessHoursForm({ accountId, schedule, target, canEdit }: { accountId: number; schedule: Schedule | null; target: Target; canEdit: boolean }) {
  const account = useAction(updateAccountBusinessHoursAction);
  const inbox = useAction(updateInboxBusinessHoursAction);
  const { pending, error } = target.kind === "account" ? account : inbox;
  const [own, setOwn] = useState(target.kind === "account" || schedule !== null);
  const [saved, setSaved] = useState(false);
  const shown = schedule ?? { timeZone: "UTC", days: [[], ...Array.from({ length: 5 }, () => [{ open: 540, close: 1020 }]), []], holidays: [] };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    const form = new FormData(e.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const scheduleForm = { timeZone: text("timeZone"), days: DAY_NAMES.map((_, i) => text(`day-${i}`)), holidays: text("holidays") };
    const done = () => setSaved(true);
    if (target.kind === "account") account.run({ accountId, schedule: scheduleForm }, done);
    else
      inbox.run(
        { accountId, inboxId: target.inboxId, workingHoursEnabled: form.get("enabled") === "on", schedule: own ? scheduleForm : null, outOfOfficeMessage: text("outOfOfficeMessage") },
        done,
      );
  };
  const prefix = target.kind === "account" ? "account-hours" : `inbox-hours-${target.inboxId}`;
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5" aria-label="Business hours">
      {target.kind === "inbox" ? (
        <>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" name="enabled" defaultChecked={target.enabled} disabled={!canEdit} className="mt-0.5" />
            <span>
              Keep business hours in this inbox
              <span className="block text-xs text-slate-500">Outside them, new mail gets the out-of-office reply below (when written).</span>
            </span>
          </label>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={own} onChange={(e) => setOwn(e.target.checked)} disabled={!canEdit} className="mt-0.5" />
            <span>
              This inbox has its own hours
              <span className="block text-xs text-slate-500">
                {target.accountHasHours ? "Otherwise it follows the account's business hours." : "Otherwise it follows the account's business hours (none are set yet)."}
              </span>
            </span>
          </label>
        </>
      ) : null}
      {own ? (
        <>
          <Field id={`${prefix}-tz`} label="Time zone" hint="An IANA name, such as Europe/Berlin or America/New_York.">
            <Input id={`${prefix}-tz`} name="timeZone" defaultValue={shown.timeZone} disabled={!canEdit} className="w-64" required />
          </Field>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-700">Hours</legend>
            <p className="text-xs text-slate-500">Ranges like 09:00-12:00, 13:00-17:00. Blank: closed. 24h: open all day.</p>
            {DAY_NAMES.map((day, i) => (
              <div key={day} className="flex items-center gap-3">
                <label htmlFor={`${prefix}-day-${i}`} className="w-24 text-sm text-slate-700">
                  {day}
                </label>
                <Input id={`${prefix}-day-${i}`} name={`day-${i}`} defaultValue={formatRanges(shown.days[i] ?? [])} disabled={!canEdit} placeholder="Closed" className="w-72" />
              </div>
            ))}
          </fieldset>
          <Field id={`${prefix}-holidays`} label="Holidays" hint="Dates closed all day, as YYYY-MM-DD, one per line.">
            <Textarea id={`${prefix}-holidays`} name="holidays" rows={3} defaultValue={shown.holidays.join("\n")} disabled={!canEdit} className="w-64" />
          </Field>
        </>
      ) : null}
      {target.kind === "inbox" ? (
        <Field id={`${prefix}-ooo`} label="Out-of-office reply" hint="Sent once per contact per day to mail arriving outside business hours. Blank: no reply.">
          <Textarea id={`${prefix}-ooo`} name="outOfOfficeMessage" rows={3} defaultValue={target.outOfOfficeMessage ?? ""} disabled={!canEdit} />
        </Field>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert tone="success">Business hours saved.</Alert> : null}
      {canEdit ? (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      ) : null}
    </form>
  );
}
