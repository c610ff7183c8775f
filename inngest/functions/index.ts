import { evaluateAutomationRules, pruneAutomationLogFunction, runMacroFunction, sweepAutomationTimeTriggers } from "./automation/evaluate-rules";
import { makeThumbnailsFunction } from "./attachments/make-thumbnails";
import { announceStalePresenceFunction } from "./accounts/announce-stale-presence";
import { autoAssignFunction, sweepAutoAssignmentFunction } from "./assignment/auto-assign";
import { sendInvitationFunction, sendPasswordResetFunction } from "./accounts/send-account-mail";
import { unassignRemovedAgentFunction } from "./accounts/unassign-removed-agent";
import { compactOpenCounts } from "./conversations/compact-open-counts";
import { runBulkAction } from "./conversations/bulk-action";
import { deliverIntegrationFunction, fanOutIntegrationEventFunction, sweepStalledIntegrationDeliveries } from "./integrations/deliver";
import { reopenSnoozedConversations } from "./conversations/reopen-snoozed";
import { reconcileGraphMailboxes, renewGraphSubscriptions } from "./graph/graph-crons";
import { handleGraphLifecycleFunction, ingestGraphMessage, subscribeGraphInbox } from "./graph/graph-notifications";
import { importForwardedEmail } from "./mail/import-forwarded-email";
import { sendEmail } from "./mail/send-email";
import { sendAutoReplyFunction } from "./mail/send-auto-reply";
import { sendCsatSurveyFunction } from "./csat/send-survey";
import { sweepStalledSends } from "./mail/sweep-stalled-sends";
import { dispatchDueMailboxPolls, pollMailboxFunction } from "./mailbox/poll-mailboxes";
import { refreshOAuthTokens } from "./mailbox/refresh-oauth-tokens";
import { sendNotificationDigestsFunction } from "./notifications/send-digests";
import { sweepSlasFunction } from "./sla/sweep-slas";

/** Every Inngest function: served by app/api/inngest and run by the embedded runner. */
export const functions = [reopenSnoozedConversations, compactOpenCounts, sendEmail, sweepStalledSends, dispatchDueMailboxPolls, pollMailboxFunction, refreshOAuthTokens, ingestGraphMessage, handleGraphLifecycleFunction, subscribeGraphInbox, renewGraphSubscriptions, reconcileGraphMailboxes, importForwardedEmail, announceStalePresenceFunction, sendInvitationFunction, sendPasswordResetFunction, fanOutIntegrationEventFunction, deliverIntegrationFunction, sweepStalledIntegrationDeliveries, runBulkAction, sendNotificationDigestsFunction, autoAssignFunction, sweepAutoAssignmentFunction, evaluateAutomationRules, sweepAutomationTimeTriggers, pruneAutomationLogFunction, runMacroFunction, unassignRemovedAgentFunction, sendAutoReplyFunction, sendCsatSurveyFunction, sweepSlasFunction, makeThumbnailsFunction];
