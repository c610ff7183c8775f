import { installEventDispatcher } from "@/inngest/dispatch";

// Every test process sends the domain's events the way the server does (lib/jobs/send.ts).
installEventDispatcher();
