// Vite builds the renderer into dist/renderer; Electron serves it from app://peel/, browser mode from 127.0.0.1.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';
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

/**
 * main.tsx loads the app with a dynamic import after sending its first calls (see renderer/api/first-calls.ts);
 * these links make the browser fetch the app's chunks and styles together with main.tsx's, not after it has run.
 */
function preloadAppChunks(): Plugin {
  return {
    name: 'peel-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { chunk, bundle }) {
        if (!chunk || !bundle) return [];
        // What the entry already brings (itself, its imports, its styles) is in the page as Vite wrote it.
        const already = new Set([chunk.fileName, ...chunk.imports]);
        const files = new Set<string>();
        const styles = new Set<string>();
        const visit = (file: string) => {
          const output = bundle[file];
          if (already.has(file) || files.has(file) || output?.type !== 'chunk') return;
          files.add(file);
          for (const css of output.viteMetadata?.importedCss ?? []) styles.add(css);
          for (const imported of output.imports) visit(imported);
        };
        for (const file of chunk.dynamicImports) visit(file);
        for (const css of chunk.viteMetadata?.importedCss ?? []) styles.delete(css);
        const tags: HtmlTagDescriptor[] = [...files].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head',
        }));
        for (const css of styles) {
          tags.push({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: `/${css}` },
            injectTo: 'head',
          });
        }
        return tags;
      },
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), contentSecurityPolicyMeta(), preloadAppChunks()],
  build: {
    outDir: resolve(here, '..', 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    // One chart library and React: small enough that splitting would only add requests.
    chunkSizeWarningLimit: 1500,
  },
});
