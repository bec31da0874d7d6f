import { mockApis } from '@backstage/test-utils';
import { GuardrailsClient } from '../api';
import { BASE_URL } from './fixtures';

/** The real client on a fake discovery (http://localhost:7007/api/guardrails) and the global fetch msw intercepts. */
export function testClient(): GuardrailsClient {
  return new GuardrailsClient({
    discoveryApi: mockApis.discovery({ baseUrl: BASE_URL }),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
}
