/** Public path prefix of every API route (the app's global prefix, with its slash). */
export const API_BASE = '/api/v1';
