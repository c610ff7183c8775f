"use client";

import { createContext, useContext, type ReactNode } from "react";

export type OrganizeData = {
  accountId: number;
  labels: { id: number; title: string; color: string; showOnSidebar: boolean }[];
  teams: { id: number; name: string; isMember: boolean }[];
  definitions: {
    key: string;
    model: "conversation_attribute" | "contact_attribute";
    name: string;
    type: "text" | "number" | "currency" | "percent" | "link" | "date" | "list" | "checkbox";
    values: string[];
    regexPattern: string | null;
    description: string | null;
  }[];
  /** The open conversation's contact: its labels and custom attributes. */
  contact: { id: number; labels: string[]; customAttributes: Record<string, unknown> } | null;
};

const OrganizeContext = createContext<OrganizeData | null>(null);

/** Gives rows, the header and the side panel the account's labels, teams and attribute definitions. */
export function OrganizeProvider({ value, children }: { value: OrganizeData; children: ReactNode }) {
  return <OrganizeContext.Provider value={value}>{children}</OrganizeContext.Provider>;
}

/** null outside the conversations screen (rows then show labels without colours). */
export const useOrganize = () => useContext(OrganizeContext);
