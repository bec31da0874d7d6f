// Documentation generators: node-free, but not needed at run time, so kept out of the main entry.
export * from './docs/rule-doc';
export * from './docs/guardrails-doc';
