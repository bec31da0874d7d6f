// A simulated AWS account for tests and benchmarks: msw handlers answering every call the live scan makes.
export * from './aws/testing/simulated-account-spec';
export type { SimulatedList } from './aws/testing/simulated-list';
export * from './aws/testing/simulated-account';
export * from './aws/testing/test-clients';
