/** The actor recorded for what the platform does by itself (the seeded default sources). */
export const SYSTEM_ACTOR_ID = '00000000-0000-0000-0000-000000000000';
