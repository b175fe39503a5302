import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The SPA lives in src/web and is built into dist/web, which the Fastify server serves.
export default defineConfig({
  root: "src/web",
  plugins: [react()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: {
    port: 5173,
    // Only the server's paths: /api/ alone would also catch the SPA's own src/web/api modules.
    proxy: {
      "/api/v1": "http://localhost:3000",
      "/api/docs": "http://localhost:3000",
      "/api/openapi.json": "http://localhost:3000",
    },
  },
});
