// Replaced by the bundler with the package version; tests run from source and see the fallback.
declare const __GUARDRAILS_VERSION__: string | undefined;

export const TOOL_NAME = 'Paved Road Guardrails';
export const TOOL_VERSION: string = typeof __GUARDRAILS_VERSION__ === 'string' ? __GUARDRAILS_VERSION__ : '0.0.0-dev';
export const TOOL_URI = 'https://github.com/pavedroad/guardrails';
