import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Where `next` lives and whether a production build exists. */
export const nextBin = () => path.join(process.cwd(), "node_modules", ".bin", "next");
export const hasProductionBuild = () => fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"));

/** Runs `next build` in the foreground; returns false when it fails. */
export function buildNextApp(): boolean {
  const result = spawnSync(nextBin(), ["build"], { stdio: "inherit" });
  return result.status === 0;
}

/** `next start` as a child process with this process's environment. */
export function startNextServer(port: number) {
  return spawn(nextBin(), ["start", "-p", String(port)], { stdio: "inherit" });
}
