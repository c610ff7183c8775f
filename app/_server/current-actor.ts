import { redirect } from "next/navigation";
import { userActor, type Actor } from "@/lib/auth/actor";

export type SignedIn = { actor: Actor; userId: number };

/** The signed-in user, or null. Pages use requireSession; the action wrapper uses this. */
export async function currentSession(): Promise<SignedIn | null> {
  // Loaded on first use so that tests can import the actions without Auth.js and a request.
  const { currentUser } = await import("@/auth");
  const user = await currentUser();
  if (!user) return null;
  return { actor: userActor(user.id), userId: user.id };
}

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireSession(): Promise<SignedIn> {
  const signedIn = await currentSession();
  if (!signedIn) redirect("/sign-in");
  return signedIn;
}
