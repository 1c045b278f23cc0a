import { defineConfig } from 'vitest/config';

// Preact through esbuild's automatic JSX runtime: no Babel, no React.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2020' },
  server: {
    // The need-area catalogue is read from src/Domain, the server's own copy.
    fs: { allow: ['..'] },
    // `npm run dev` against a running CaseGrid (deploy/run-local.sh) on the default port.
    proxy: {
      '/api': 'http://127.0.0.1:5080',
      '/dev': 'http://127.0.0.1:5080',
      '/hubs': { target: 'http://127.0.0.1:5080', ws: true },
    },
  },
  test: { include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], environment: 'node' },
});
