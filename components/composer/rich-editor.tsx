"use client";

import { clsx } from "clsx";
import { Bold, Code, Italic, Link2, List, ListOrdered, Quote, SquareCode } from "lucide-react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { EditorContent, useEditor, useEditorState, type Editor, type JSONContent } from "@tiptap/react";
import { StarterKit } from "@tiptap/starter-kit";
import { Placeholder } from "@tiptap/extensions";

/**
 * The composer's rich-text editor (Tiptap): bold, italic, lists, links, inline code, code blocks
 * and quotes, with a small toolbar and Ctrl/⌘+B, I, K. It produces HTML, which the server
 * sanitizes again (lib/messages/rich-content.ts). Pickers that watch what is typed before the
 * caret (canned responses `/`, mentions `@`) read it with textBeforeCaret() and replace it with
 * replaceBeforeCaret(); their keys come first through `onKeyDown`.
 */
export type RichEditorOptions = {
  id: string;
  label: string;
  placeholder: string;
  /** Called with the editor's HTML after each change. */
  onChange: (html: string, editor: Editor) => void;
  /** Keys for the composer (pickers, Ctrl+Enter); true when handled. */
  onKeyDown?: (event: KeyboardEvent) => boolean;
  /** Files pasted (screenshots): the composer attaches them instead of the editor inserting anything. */
  onPasteFiles?: (files: FileList) => void;
  onBlur?: () => void;
  /** The caret moved or the text changed: pickers re-read what is before the caret. */
  onCaret?: (editor: Editor) => void;
};

export function useRichEditor(options: RichEditorOptions): Editor | null {
  // The editor is made once; its handlers read the latest callbacks through this ref.
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  return useEditor({
    // Rendered in the browser only: the server render has no editor to hydrate.
    immediatelyRender: false,
    extensions: [
      StarterKit.configure({
        heading: false,
        horizontalRule: false,
        underline: false,
        strike: false,
        link: { openOnClick: false, autolink: true, protocols: ["mailto", "mention"], defaultProtocol: "https" },
      }),
      Placeholder.configure({ placeholder: () => latest.current.placeholder }),
    ],
    editorProps: {
      attributes: {
        id: options.id,
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": options.label,
        class: "rich-text min-h-16 max-h-72 overflow-y-auto px-3 py-2 text-sm focus:outline-none max-sm:min-h-10",
      },
      handleKeyDown: (_view, event) => {
        if (event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey) && !event.altKey) {
          // Ctrl/⌘+K in the editor edits a link; the command bar keeps the shortcut elsewhere.
          event.preventDefault();
          event.stopPropagation();
          window.dispatchEvent(new CustomEvent("postdesk:editor-link", { detail: options.id }));
          return true;
        }
        return latest.current.onKeyDown?.(event) ?? false;
      },
      handlePaste: (_view, event) => {
        const files = event.clipboardData?.files;
        if (!files || files.length === 0) return false;
        latest.current.onPasteFiles?.(files);
        return true;
      },
      // Dropped files are the composer's (its form attaches them); the editor inserts nothing.
      handleDrop: (_view, event) => (event as DragEvent).dataTransfer?.files.length ? true : false,
    },
    onUpdate: ({ editor }) => {
      latest.current.onChange(editor.isEmpty ? "" : editor.getHTML(), editor);
      latest.current.onCaret?.(editor);
    },
    onSelectionUpdate: ({ editor }) => latest.current.onCaret?.(editor),
    onBlur: () => latest.current.onBlur?.(),
  });
}

/** The text of the current paragraph before the caret, and where that paragraph starts in the document. */
export function textBeforeCaret(editor: Editor): { text: string; start: number } {
  const { $from } = editor.state.selection;
  return { text: $from.parent.textBetween(0, $from.parentOffset, undefined, "\ufffc"), start: $from.start() };
}

/** Plain text as editor content: its lines kept with line breaks. */
export function textContent(text: string): JSONContent[] {
  const content: JSONContent[] = [];
  text.split("\n").forEach((line, i) => {
    if (i > 0) content.push({ type: "hardBreak" });
    if (line) content.push({ type: "text", text: line });
  });
  return content;
}

/** Replaces document positions [from, to) (a `/query` or `@query` just typed) with text or HTML. */
export function replaceBeforeCaret(editor: Editor, range: { from: number; to: number }, content: string | JSONContent[]) {
  editor.chain().focus().insertContentAt(range, content).run();
}

/** A draft saved as plain text before the editor existed becomes paragraphs. */
export function draftHtml(draft: string): string {
  if (draft.trimStart().startsWith("<")) return draft;
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return draft
    .split(/\n{2,}/)
    .map((p) => `<p>${escape(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

function ToolbarButton({ label, active, onClick, children }: { label: string; active: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      title={label}
      aria-label={label}
      aria-pressed={active}
      // mousedown, not click: the editor keeps its selection.
      onMouseDown={(e) => {
        e.preventDefault();
        onClick();
      }}
      className={clsx("rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800", active && "bg-slate-200 text-slate-900")}
    >
      {children}
    </button>
  );
}

/** The editor with its toolbar and the link field Ctrl/⌘+K or the link button opens. */
export function RichEditor({ editor, id }: { editor: Editor | null; id: string }) {
  const [link, setLink] = useState<string | null>(null);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e
        ? {
            bold: e.isActive("bold"),
            italic: e.isActive("italic"),
            bulletList: e.isActive("bulletList"),
            orderedList: e.isActive("orderedList"),
            link: e.isActive("link"),
            code: e.isActive("code"),
            codeBlock: e.isActive("codeBlock"),
            blockquote: e.isActive("blockquote"),
          }
        : null,
  });
  const openLink = () => editor && setLink((editor.getAttributes("link").href as string | undefined) ?? "https://");
  useEffect(() => {
    const onLink = (e: Event) => {
      if ((e as CustomEvent<string>).detail === id) openLink();
    };
    window.addEventListener("postdesk:editor-link", onLink);
    return () => window.removeEventListener("postdesk:editor-link", onLink);
  });
  const applyLink = () => {
    if (!editor || link === null) return;
    const href = link.trim();
    const chain = editor.chain().focus().extendMarkRange("link");
    if (!href || href === "https://") chain.unsetLink().run();
    else if (editor.state.selection.empty && !editor.isActive("link")) chain.insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
    else chain.setLink({ href }).run();
    setLink(null);
  };
  const run = (f: (e: Editor) => void) => () => editor && f(editor);
  return (
    <>
      <div role="toolbar" aria-label="Formatting" className="flex flex-wrap items-center gap-0.5 px-2 pt-1">
        <ToolbarButton label="Bold (Ctrl+B)" active={!!state?.bold} onClick={run((e) => e.chain().focus().toggleBold().run())}>
          <Bold className="size-3.5" aria-hidden="true" />
        </ToolbarButton>
        <ToolbarButton label="Italic (Ctrl+I)" active={!!state?.italic} onClick={run((e) => e.chain().focus().toggleItalic().run())}>
          <Italic className="size-3.5" aria-hidden="true" />
        </ToolbarButton>
        <ToolbarButton label="Link (Ctrl+K)" active={!!state?.link} onClick={openLink}>
          <Link2 className="size-3.5" aria-hidden="true" />
        </ToolbarButton>
        <ToolbarButton label="Bulleted list" active={!!state?.bulletList} onClick={run((e) => e.chain().focus().toggleBulletList().run())}>
          <List className="size-3.5" aria-hidden="true" />
        </ToolbarButton>
        <ToolbarButton label="Numbered list" active={!!state?.orderedList} onClick={run((e) => e.chain().focus().toggleOrderedList().run())}>
          <ListOrdered className="size-3.5" aria-hidden="true" />
        </ToolbarButton>
        <ToolbarButton label="Quote" active={!!state?.blockquote} onClick={run((e) => e.chain().focus().toggleBlockquote().run())}>
          <Quote className="size-3.5" aria-hidden="true" />
        </ToolbarButton>
        <ToolbarButton label="Inline code" active={!!state?.code} onClick={run((e) => e.chain().focus().toggleCode().run())}>
          <Code className="size-3.5" aria-hidden="true" />
        </ToolbarButton>
        <ToolbarButton label="Code block" active={!!state?.codeBlock} onClick={run((e) => e.chain().focus().toggleCodeBlock().run())}>
          <SquareCode className="size-3.5" aria-hidden="true" />
        </ToolbarButton>
      </div>
      {link !== null ? (
        <div className="flex items-center gap-1.5 px-3 py-1 text-xs">
          <label htmlFor={`${id}-link`} className="text-slate-500">
            Link address
          </label>
          <input
            id={`${id}-link`}
            autoFocus
            value={link}
            onChange={(e) => setLink(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                applyLink();
              } else if (e.key === "Escape") {
                e.preventDefault();
                setLink(null);
                editor?.commands.focus();
              }
            }}
            className="min-w-0 flex-1 rounded border border-slate-300 px-1.5 py-0.5"
          />
          <button type="button" onClick={applyLink} className="rounded bg-slate-100 px-2 py-0.5 font-medium text-slate-700 hover:bg-slate-200">
            Apply
          </button>
        </div>
      ) : null}
      <EditorContent editor={editor} />
    </>
  );
}

/** An @mention as editor content: a mention:// link naming the agent (Chatwoot's target), then a space. */
export function mentionContent(agent: { id: number; name: string }): JSONContent[] {
  const label = agent.name.replace(/[[\]()]/g, "");
  return [
    { type: "text", text: `@${label}`, marks: [{ type: "link", attrs: { href: `mention://user/${agent.id}/${encodeURIComponent(label)}` } }] },
    { type: "text", text: " " },
  ];
}
