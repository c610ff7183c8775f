/** Chatwoot names channel types after its Rails classes; clients switch on these strings. */
export const channelTypeName = (t: "api" | "email"): string => (t === "api" ? "Channel::Api" : "Channel::Email");
