// Types for what tests import from eslint.config.js (src/core/layers.test.ts reads the app's allowlist).
export declare const APP_CORE_ALLOWLIST: readonly string[];
declare const config: unknown;
export default config;
