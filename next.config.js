// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build directory per process lets a test build run beside a development server.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  serverExternalPackages: ['better-sqlite3'],
  reactStrictMode: true,
};

module.exports = nextConfig;
