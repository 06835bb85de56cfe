import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router'
import type { AuthPort } from '@/lib/auth'
import { createAuthGuard } from './guard'
import { gradingPrintRoute, gradingRoutes } from '@/features/grading/routes'

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
        path: 'fortress',
        name: 'fortress',
        component: () => import('@/features/fortress/views/FortressListView.vue'),
      },
      {
        path: 'fortress/:orgId(\\d+)/scorecard',
        name: 'scorecard',
        component: () => import('@/features/fortress/views/ScorecardView.vue'),
      },
      {
        path: 'fortress/:orgId(\\d+)/explanation',
        name: 'explanation',
        component: () => import('@/features/fortress/views/ExplanationView.vue'),
      },
      {
        path: 'lagging',
        name: 'lagging-board',
        component: () => import('@/features/lagging/views/ScreeningBoardView.vue'),
      },
      {
        path: 'lagging/findings/:findingId(\\d+)',
        name: 'finding',
        component: () => import('@/features/lagging/views/FindingView.vue'),
      },
      {
        path: 'lagging/review',
        name: 'lagging-review',
        component: () => import('@/features/lagging/views/CountyReviewView.vue'),
      },
      {
        path: 'lagging/overview',
        name: 'lagging-overview',
        component: () => import('@/features/lagging/views/LaggingOverviewView.vue'),
      },
      {
        path: 'lagging/plans/:planId(\\d+)',
        name: 'plan',
        component: () => import('@/features/rectification/views/PlanView.vue'),
      },
      {
        path: 'rule-sets',
        name: 'rule-sets',
        component: () => import('@/features/rule-sets/views/RuleSetListView.vue'),
      },
      {
        path: 'rule-sets/new',
        name: 'rule-set-new',
        component: () => import('@/features/rule-sets/views/RuleSetView.vue'),
      },
      {
        path: 'rule-sets/:id(\\d+)',
        name: 'rule-set',
        component: () => import('@/features/rule-sets/views/RuleSetView.vue'),
      },
      {
        path: 'cycles',
        name: 'cycles',
        component: () => import('@/features/cycles/views/CycleAdminView.vue'),
      },
      ...gradingRoutes,
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('./NotFoundView.vue'),
      },
    ],
  },
  gradingPrintRoute,
]

export function createAppRouter(auth: AuthPort, history: RouterHistory = createWebHistory()) {
  const router = createRouter({ history, routes })
  router.beforeEach(createAuthGuard(auth))
  return router
}
