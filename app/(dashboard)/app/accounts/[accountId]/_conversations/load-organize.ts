import "server-only";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { contactAttributesAndLabels } from "@/lib/labels/contact-labels";
import { scopedDefinitions, scopedLabels, scopedTeams } from "@/app/_server/scoped-reads";
import type { OrganizeData } from "@/components/labels/organize-context";

/**
 * What the conversations screen needs for labels, teams and custom attributes: the account's
 * labels (colours for rows), teams (the header's picker), attribute definitions, and for the open
 * conversation its contact's labels and attributes. Read in parallel with the screen's loader.
 */
export async function loadOrganizeData(db: DbOrTx, actor: Actor, accountId: number, contactIdOf: Promise<number | undefined>): Promise<OrganizeData> {
  const contactReads = contactIdOf.then((contactId) => (contactId === undefined ? null : contactAttributesAndLabels(db, accountId, contactId)));
  const [labels, teams, definitions, contact] = await Promise.all([
    scopedLabels(db, actor, accountId),
    scopedTeams(db, actor, accountId),
    scopedDefinitions(db, actor, accountId),
    contactReads,
  ]);
  return {
    accountId,
    labels: labels.map((l) => ({ id: l.id, title: l.title, color: l.color, showOnSidebar: l.showOnSidebar })),
    teams: teams.map((t) => ({ id: t.id, name: t.name, isMember: t.isMember })),
    definitions: definitions.map((d) => ({
      key: d.attributeKey,
      model: d.attributeModel,
      name: d.attributeDisplayName,
      type: d.attributeDisplayType,
      values: d.attributeValues,
      regexPattern: d.regexPattern,
      description: d.attributeDescription,
    })),
    contact: contact ? { id: contact.id, labels: contact.labels, customAttributes: contact.customAttributes } : null,
  };
}
