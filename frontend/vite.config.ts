import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The backend (Quarkus) answers /api and /q; in development and in `vite preview` we proxy to it.
const backend = process.env.BACKEND_URL ?? 'http://localhost:8080'
const proxy = {
  '/api': { target: backend, changeOrigin: false },
  '/q': { target: backend, changeOrigin: false },
}

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: { port: 5173, strictPort: true, host: '127.0.0.1', proxy },
  preview: { port: 5173, strictPort: true, host: '127.0.0.1', proxy },
  build: {
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        silentRenew: fileURLToPath(new URL('./silent-renew.html', import.meta.url)),
      },
    },
  },
})
