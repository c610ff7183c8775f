/** Bundles scripts/<name>.ts of `root` into node_modules/.cache/postdesk/<name>.mjs; returns its path. */
export function bundleScript(root: string, name: string): Promise<string>;
