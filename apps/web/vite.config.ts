import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd and its icons are one large vendor chunk; splitting them buys nothing for an intranet app.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // `npx vite --config apps/web/vite.config.ts` beside a running gateway on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  test: {
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    // A page test takes 1–3 s here (test-setup.ts, test-render.tsx); the margin is for a busy machine.
    testTimeout: 15_000,
  },
});
