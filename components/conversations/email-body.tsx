"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { emailFrameDocument } from "@/lib/email/content/frame-document";

export type EmailBodyProps = {
  /** Sanitized HTML: the part the sender wrote and the whole mail (with quoted history). */
  html: { reply: string | null; full: string } | null;
  text: { reply: string | null; full: string } | null;
  /** Content-ID → attachment download URL. */
  inlineImages: Record<string, string>;
  /** The app's origin, so attachment URLs are absolute inside the frame. */
  baseUrl?: string;
};

const MAX_FRAME_HEIGHT = 640;

/**
 * The body of an email: HTML in a sandboxed frame (no scripts; its CSP allows nothing but inline
 * styles and the images named), with quoted history folded and remote images blocked until the
 * agent asks. The sandbox keeps allow-same-origin (never with allow-scripts) so attachment images
 * load with the agent's session and the frame's height can be measured from here.
 */
export function EmailBody({ html, text, inlineImages, baseUrl }: EmailBodyProps) {
  const [showQuoted, setShowQuoted] = useState(false);
  const [remoteImages, setRemoteImages] = useState(false);
  const [height, setHeight] = useState(160);
  const frame = useRef<HTMLIFrameElement>(null);
  const measure = useCallback(() => {
    const root = frame.current?.contentDocument?.documentElement;
    if (root) setHeight(Math.min(root.scrollHeight + 4, MAX_FRAME_HEIGHT));
  }, []);
  // A server-rendered frame may finish loading before hydration attaches onLoad.
  useEffect(() => {
    if (frame.current?.contentDocument?.readyState === "complete") measure();
  }, [measure]);

  const hasQuoted = html ? html.reply !== null && html.reply !== html.full : text ? text.reply !== null && text.reply !== text.full : false;
  const shownHtml = html ? (showQuoted || html.reply === null ? html.full : html.reply) : null;
  const hasRemoteImages = shownHtml !== null && /\sdata-blocked-src="https?:/i.test(shownHtml);

  return (
    <div className="flex flex-col gap-2 whitespace-normal">
      {hasRemoteImages && !remoteImages ? (
        <p className="flex flex-wrap items-center gap-2 rounded border border-slate-200 bg-slate-50 px-2 py-1 text-xs text-slate-600">
          Remote images are blocked to protect your privacy.
          <button type="button" onClick={() => setRemoteImages(true)} className="font-medium text-brand-600 hover:underline">
            Show remote images
          </button>
        </p>
      ) : null}
      {shownHtml !== null ? (
        <iframe
          title="Email content"
          sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
          referrerPolicy="no-referrer"
          srcDoc={emailFrameDocument(shownHtml, { inlineImages, baseUrl, allowRemoteImages: remoteImages })}
          className="w-full rounded border-0 bg-white"
          style={{ height }}
          ref={frame}
          onLoad={measure}
        />
      ) : (
        <div className="whitespace-pre-wrap break-words">{text ? (showQuoted || text.reply === null ? text.full : text.reply) : null}</div>
      )}
      {hasQuoted ? (
        <button
          type="button"
          aria-expanded={showQuoted}
          onClick={() => setShowQuoted((v) => !v)}
          className="self-start rounded border border-slate-200 px-2 py-0.5 text-xs text-slate-600 hover:bg-slate-50"
        >
          {showQuoted ? "Hide quoted text" : "Show quoted text"}
        </button>
      ) : null}
    </div>
  );
}
