import { setEnvVar } from "@/lib/env";

// The tests' mail servers and cloud fakes listen on 127.0.0.1, and the inboxes under test point at
// them: allow private addresses as a self-hosted desk on a LAN would (OUTBOUND_ALLOW_PRIVATE).
// Tests of the outbound policy itself turn it off again (tests/integration/email/outbound-policy.test.ts).
// Children (the e2e app server, `npm start`) inherit it through process.env.
setEnvVar("OUTBOUND_ALLOW_PRIVATE", "true");
// The tests' bot receivers and dashboard apps are plain http on loopback.
setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true");
