import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router'
import type { AuthPort } from '@/lib/auth'
import { createAuthGuard } from './guard'

export const routes: RouteRecordRaw[] = [
  {
    path: '/auth/callback',
    name: 'callback',
    component: () => import('@/features/session/views/CallbackView.vue'),
    meta: { public: true },
  },
  {
    path: '/',
    component: () => import('./layout/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/features/overview/views/HomeView.vue') },
      {
        path: 'organizations',
        name: 'organizations',
        component: () => import('@/features/organizations/views/OrganizationBrowserView.vue'),
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('./NotFoundView.vue'),
      },
    ],
  },
]

export function createAppRouter(auth: AuthPort, history: RouterHistory = createWebHistory()) {
  const router = createRouter({ history, routes })
  router.beforeEach(createAuthGuard(auth))
  return router
}
