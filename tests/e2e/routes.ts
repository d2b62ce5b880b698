/**
 * Every route a person opens, with who opens it: the screenshot set (npm run screenshots) and the
 * accessibility sweep (tests/e2e/axe.spec.ts) walk the same list, so a new screen is added once.
 */
const ORDER = '82000000-0000-4000-8000-000000000001' // a seeded Aurora order
const MODEL = '80000000-0000-4000-8000-000000000101' // Atticus
const FRONT_COUNTER = '87000000-0000-4000-8000-000000000201' // the seeded customer queue
const INES = '60000000-0000-4000-8000-000000000203' // Birch's seeded sewing operator (BIR-OP-1)
const STOCK_ITEM = '90000000-0000-4000-8000-000000000101' // Aurora's DRV-40-32
const COUNT = '91000000-0000-4000-8000-000000000001' // Aurora's posted blind count of Assembly
/** Who sees each route: signed out, the demo manager, a supervisor (floor screens), or the owner (admin-only parts). */
export const ROUTES: Array<{
  name: string
  path: string
  as:
    | 'none'
    | 'owner@aurora.test'
    | 'manager@aurora.test'
    | 'supervisor@aurora.test'
    | 'manager@birch.test'
    | 'supervisor@birch.test'
}> = [
  { name: 'home', path: '/', as: 'none' },
  { name: 'login', path: '/login', as: 'none' },
  { name: 'track', path: '/track/demo-aurora-track-0001', as: 'none' },
  { name: 'workshops', path: '/', as: 'manager@aurora.test' },
  { name: 'invitations', path: '/invitations', as: 'manager@aurora.test' },
  { name: 'org-overview', path: '/aurora', as: 'manager@aurora.test' },
  { name: 'orders', path: '/aurora/orders', as: 'manager@aurora.test' },
  { name: 'order-new', path: '/aurora/orders/new', as: 'manager@aurora.test' },
  { name: 'order', path: `/aurora/orders/${ORDER}`, as: 'manager@aurora.test' },
  { name: 'order-edit', path: `/aurora/orders/${ORDER}/edit`, as: 'manager@aurora.test' },
  { name: 'batches', path: '/aurora/batches', as: 'manager@aurora.test' },
  { name: 'summary', path: '/aurora/summary', as: 'manager@aurora.test' },
  { name: 'dashboard', path: '/aurora/dashboard?range=30d', as: 'manager@aurora.test' },
  { name: 'shifts', path: '/aurora/settings/shifts', as: 'manager@aurora.test' },
  { name: 'models', path: '/aurora/models', as: 'manager@aurora.test' },
  { name: 'model-new', path: '/aurora/models/new', as: 'manager@aurora.test' },
  { name: 'model-edit', path: `/aurora/models/${MODEL}/edit`, as: 'manager@aurora.test' },
  { name: 'members', path: '/aurora/settings/members', as: 'manager@aurora.test' },
  { name: 'badges', path: '/aurora/settings/members/badges', as: 'manager@aurora.test' },
  { name: 'locations', path: '/aurora/settings/locations', as: 'manager@aurora.test' },
  { name: 'preferences', path: '/aurora/me/preferences', as: 'manager@aurora.test' },
  { name: 'floor', path: '/aurora/floor', as: 'supervisor@aurora.test' },
  { name: 'queues', path: '/aurora/queues', as: 'supervisor@aurora.test' },
  { name: 'labels', path: '/aurora/labels', as: 'supervisor@aurora.test' },
  { name: 'station', path: '/aurora/station', as: 'supervisor@aurora.test' },
  { name: 'scan', path: '/aurora/scan', as: 'supervisor@aurora.test' },
  { name: 'queue', path: '/aurora/queue', as: 'supervisor@aurora.test' },
  { name: 'sync', path: '/aurora/sync', as: 'supervisor@aurora.test' },
  { name: 'workflows', path: '/aurora/settings/workflows', as: 'manager@aurora.test' },
  { name: 'sms', path: '/aurora/sms', as: 'manager@aurora.test' },
  { name: 'sms-costs', path: '/aurora/sms?tab=costs', as: 'manager@aurora.test' },
  { name: 'sms-optouts', path: '/aurora/sms?tab=optouts', as: 'manager@aurora.test' },
  { name: 'sms-settings', path: '/aurora/sms?tab=settings', as: 'owner@aurora.test' },
  { name: 'cutting', path: '/birch/cutting', as: 'manager@birch.test' },
  { name: 'bundle-labels', path: '/birch/labels?kind=lay_bundles', as: 'manager@birch.test' },
  { name: 'my-earnings', path: '/birch/me/earnings', as: 'manager@birch.test' },
  {
    name: 'sewing-earnings',
    path: `/birch/sewing/earnings?period=this-month&member=${INES}#operator-detail`,
    as: 'manager@birch.test',
  },
  { name: 'sewing', path: '/birch/sewing?bundle=BN-330', as: 'supervisor@birch.test' },
  { name: 'sewing-operations', path: '/birch/sewing/operations?type=POLO', as: 'manager@birch.test' },
  { name: 'forgot-password', path: '/forgot-password', as: 'none' },
  { name: 'queue-join', path: '/q/demo-aurora-front-counter', as: 'none' },
  { name: 'queue-ticket', path: '/q/t/demo-aurora-front-ticket', as: 'none' },
  { name: 'queue-display', path: '/q/d/demo-aurora-front-display', as: 'none' },
  { name: 'counter', path: '/aurora/counter', as: 'supervisor@aurora.test' },
  { name: 'customer-queues', path: '/aurora/customer-queues', as: 'manager@aurora.test' },
  { name: 'stock', path: '/aurora/stock', as: 'manager@aurora.test' },
  { name: 'stock-item', path: `/aurora/stock?item=${STOCK_ITEM}&edit=${STOCK_ITEM}`, as: 'manager@aurora.test' },
  { name: 'stock-analytics', path: '/aurora/stock/analytics', as: 'manager@aurora.test' },
  { name: 'stock-labels', path: '/aurora/stock/labels', as: 'manager@aurora.test' },
  { name: 'counts', path: '/aurora/counts', as: 'supervisor@aurora.test' },
  { name: 'count-review', path: `/aurora/counts/${COUNT}`, as: 'supervisor@aurora.test' },
  { name: 'count-tablet', path: `/aurora/count/${COUNT}`, as: 'supervisor@aurora.test' },
  {
    name: 'queue-poster',
    path: `/aurora/customer-queues/${FRONT_COUNTER}/poster?t=demo-aurora-front-counter`,
    as: 'manager@aurora.test',
  },
]
