"use client";

import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { GripVertical } from "lucide-react";
import { useId, type CSSProperties, type ReactNode } from "react";

/** What a row needs to take part: its element and style (the moving offset), and its drag handle. */
export type SortableRow = {
  ref: (element: HTMLElement | null) => void;
  style: CSSProperties;
  handle: ReactNode;
  dragging: boolean;
};

type Props<T extends { id: number }> = {
  items: T[];
  /** The item's name, for the handle's label and what screen readers hear. */
  name: (item: T) => string;
  onReorder: (next: T[]) => void;
  disabled?: boolean;
  children: (item: T, row: SortableRow, index: number) => ReactNode;
};

const INSTRUCTIONS =
  "To reorder, press Space or Enter on the handle, move with the arrow keys, and press Space or Enter again to drop it, or Escape to cancel.";

/**
 * A list reordered by dragging a row's handle, with the mouse, a finger or the keyboard (Space to
 * pick up, arrows, Space to drop, Escape to cancel), each step announced to screen readers
 * (@dnd-kit). The caller renders the rows (list items or table rows) and saves `onReorder`'s order.
 */
export function SortableList<T extends { id: number }>({ items, name, onReorder, disabled, children }: Props<T>) {
  const id = useId();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const byId = (key: UniqueIdentifier | undefined) => items.find((item) => item.id === key);
  const indexOf = (key: UniqueIdentifier | undefined) => items.findIndex((item) => item.id === key);
  const label = (key: UniqueIdentifier) => {
    const item = byId(key);
    return item ? name(item) : "Item";
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${label(active.id)}, position ${indexOf(active.id) + 1} of ${items.length}.`,
    onDragOver: ({ active, over }) => (over ? `${label(active.id)} is at position ${indexOf(over.id) + 1} of ${items.length}.` : undefined),
    onDragEnd: ({ active, over }) => (over ? `${label(active.id)} dropped at position ${indexOf(over.id) + 1} of ${items.length}.` : `${label(active.id)} dropped.`),
    onDragCancel: ({ active }) => `Reordering cancelled. ${label(active.id)} stays at position ${indexOf(active.id) + 1}.`,
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = indexOf(active.id);
    const to = indexOf(over.id);
    if (from >= 0 && to >= 0) onReorder(arrayMove(items, from, to));
  };
  return (
    <DndContext id={id} sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } }}>
      <SortableContext items={items.map((item) => item.id)} strategy={verticalListSortingStrategy} disabled={disabled}>
        {items.map((item, index) => (
          <Sortable key={item.id} id={item.id} label={name(item)} disabled={disabled}>
            {(row) => children(item, row, index)}
          </Sortable>
        ))}
      </SortableContext>
    </DndContext>
  );
}

function Sortable({ id, label, disabled, children }: { id: number; label: string; disabled?: boolean; children: (row: SortableRow) => ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id, disabled });
  const style: CSSProperties = {
    transform: CSS.Translate.toString(transform),
    transition,
    position: "relative",
    zIndex: isDragging ? 1 : undefined,
    ...(isDragging ? { background: "white", boxShadow: "0 4px 12px rgb(15 23 42 / 0.15)" } : {}),
  };
  const handle = (
    <button
      type="button"
      ref={setActivatorNodeRef}
      {...attributes}
      {...listeners}
      aria-label={`Reorder ${label}`}
      disabled={disabled}
      className="cursor-grab touch-none rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:cursor-default disabled:opacity-40"
    >
      <GripVertical aria-hidden className="h-4 w-4" />
    </button>
  );
  return children({ ref: setNodeRef, style, handle, dragging: isDragging });
}
