// Moved to lib/client-id.ts (one newClientId for the app); this re-export goes once every caller imports it there.
export { newClientId } from '@/lib/client-id'
