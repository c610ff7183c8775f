import { redirect } from "next/navigation";

/** The agent app lives under /app; /app picks the signed-in user's first account. */
export default function Home() {
  redirect("/app");
}
