import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { HydrationMark } from "@/components/hydration-mark";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Postdesk", template: "%s · Postdesk" },
  description: "Open-source customer support",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: its scripts carry that request's CSP nonce (proxy.ts), which
  // a page prerendered at build time could not.
  await connection();
  return (
    <html lang="en">
      <body className="font-sans">
        {children}
        <HydrationMark />
      </body>
    </html>
  );
}
