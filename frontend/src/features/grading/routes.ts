import type { RouteRecordRaw } from 'vue-router'

/** The grading pages inside the app layout (menu, header). */
export const gradingRoutes: RouteRecordRaw[] = [
  { path: 'grading', name: 'grading', component: () => import('./views/GradingDashboardView.vue') },
  { path: 'grading/township/:orgId(\\d+)?', name: 'grading-township', component: () => import('./views/TownshipGradingView.vue') },
  { path: 'grading/results', name: 'grading-results', component: () => import('./views/GradingResultsView.vue') },
]

/** The printable summary: outside the layout, so that nothing but the summary is printed. */
export const gradingPrintRoute: RouteRecordRaw = {
  path: '/grading/print',
  name: 'grading-print',
  component: () => import('./views/GradingPrintView.vue'),
}

/** Sub-pages that light up a menu entry. */
export const GRADING_SECTIONS: Record<string, string> = { 'grading-print': 'grading' }
