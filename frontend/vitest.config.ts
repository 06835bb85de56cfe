import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      include: ['tests/**/*.spec.ts'],
      setupFiles: ['tests/setup.ts'],
      // A JSON report for CI next to the console output; flags given on the command line replace these.
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest.json' },
      environmentOptions: { jsdom: { url: 'http://localhost:5173/' } },
    },
  }),
)
