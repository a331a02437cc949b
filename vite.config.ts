import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));
// Where `/api` goes in `vite dev` and `vite preview` (the same variable the CLI uses).
const apiTarget = process.env.XIESHOU_API_URL ?? 'http://127.0.0.1:8080';

/** Vendor chunks that change rarely, so a release does not re-download them. */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) {
    return undefined;
  }
  if (/node_modules\/(react|react-dom|scheduler|react-router)\//.test(id)) {
    return 'react';
  }
  if (/node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|@emotion|dayjs)\//.test(id)) {
    return 'antd';
  }
  if (/node_modules\/(@tanstack|zod)\//.test(id)) {
    return 'data';
  }
  return undefined;
}

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    // antd alone is ~1 MB minified (~300 kB gzip); it is one long-cached chunk.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget } },
  },
  preview: {
    port: 4173,
    proxy: { '/api': { target: apiTarget } },
  },
});
