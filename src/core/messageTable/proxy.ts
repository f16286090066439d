/** The reverse-proxy bridge (IIS URL Rewrite + ARR in front of a Python service). (English templates; see ../messages.ts) */
export const PROXY_MESSAGES = {
  'scaffold.proxy.port': 'The backend port {port} cannot be used: give a port from 1024 to 65535 that nothing else on the server listens on.',
  'scaffold.proxy.prefix': 'The URL prefix "{prefix}" must be a URL path like /app (letters, digits and - . _ ~ in each segment).',
  'scaffold.proxy.notProxy': '--backend-port and --url-prefix are for --bridge proxy only.',
} as const;
