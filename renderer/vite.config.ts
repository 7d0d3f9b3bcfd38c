// Vite builds the renderer into dist/renderer; Electron serves it from app://peel/, browser mode from 127.0.0.1.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../shared/contract/content-security-policy.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** Writes the one CSP into index.html's <meta> (frame-ancestors only works as a header, so it is left out there). */
function contentSecurityPolicyMeta(): Plugin {
  const metaPolicy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'peel-csp-meta',
    transformIndexHtml: (html) => html.replace('%PEEL_CSP%', metaPolicy),
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir: resolve(here, '..', 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    // One chart library and React: small enough that splitting would only add requests.
    chunkSizeWarningLimit: 1500,
  },
});
