// Types for web-api-types.mjs, so the TypeScript test can import it.
export declare const GENERATED_FILE: string;
export declare function typeOf(schema: unknown, indent?: string): string;
export declare function generateApiTypes(document: unknown): string;
export declare function fetchOpenApi(gatewayUrl: string): Promise<unknown>;
