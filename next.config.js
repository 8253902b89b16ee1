/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The custom server in server/ serves this app; Next must not bundle server-only packages.
  serverExternalPackages: ['classic-level', 'pino'],
};

export default nextConfig;
