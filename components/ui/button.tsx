"use client";

import { useSyncExternalStore, type ButtonHTMLAttributes } from "react";
import { buttonClass, type Size, type Variant } from "./button-class";

// Server components import buttonClass from ./button-class: through this client module it would be a client reference.
export { buttonClass };

const noSubscription = () => () => {};

/**
 * False in the server's HTML and while React hydrates it, true from then on (and at once for a
 * button mounted later). A submit button is disabled until then: its form's handler is not
 * attached yet, and a click would make the browser submit the form itself, a GET that puts every
 * field (an API key, a password) in the URL and loses what was typed.
 */
const useHydrated = () => useSyncExternalStore(noSubscription, () => true, () => false);

export function Button({
  variant = "primary",
  size = "md",
  className,
  type = "button",
  disabled,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: Size }) {
  const hydrated = useHydrated();
  return <button type={type} className={buttonClass(variant, size, className)} disabled={disabled || (type === "submit" && !hydrated)} {...props} />;
}
