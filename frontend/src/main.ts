import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { VueQueryPlugin } from '@tanstack/vue-query'
import { ElLoading } from 'element-plus'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { createAppRouter } from './app/router'
import { loadConfig } from './lib/config'
import { authPort, initAuth } from './lib/auth'
import { i18n, setLocale } from './lib/i18n'
import { createQueryClient } from './lib/query-client'

async function start() {
  initAuth(await loadConfig())
  setLocale(i18n.global.locale.value)
  createApp(App)
    .use(createPinia())
    .use(i18n)
    .use(VueQueryPlugin, { queryClient: createQueryClient() })
    .use(ElLoading)
    .use(createAppRouter(authPort))
    .mount('#app')
}

start().catch((error: unknown) => {
  const root = document.getElementById('app')
  if (root) {
    root.textContent = `堡垒 Bastion 无法启动 / cannot start: ${error instanceof Error ? error.message : String(error)}`
  }
})
