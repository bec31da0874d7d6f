export * from './fixtures';
export { testClient } from './testClient';
export { codeText } from './codeText';
