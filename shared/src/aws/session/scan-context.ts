import { setMaxListeners } from 'node:events';
import type { GuardrailId } from '../../model/guardrail-id';
import type { AwsScanError } from '../aws-scan-types';
import type { AccountClients } from './account-clients';
import type { AwsFailure } from './aws-failure';
import { classifyAwsError, describeFailure } from './aws-failure';

/** One collection step: the AWS operation it calls and the guardrails that cannot be decided without it. */
export interface StepInfo {
  service: string;
  operation: string;
  region?: string | undefined;
  guardrails: readonly GuardrailId[];
}

/**
 * The state of one account's scan: clients, the stop signal (time limit or cancellation), and what could not be
 * read. A failed step never throws: it is recorded as an error, and its guardrails become `unknown` with the reason.
 */
export class ScanContext {
  readonly #errors = new Map<string, { error: AwsScanError; times: number }>();
  readonly #incomplete = new Map<GuardrailId, string[]>();

  constructor(
    public clients: AccountClients,
    readonly accountId: string,
    readonly now: Date,
    readonly signal: AbortSignal,
    readonly tagKeys: readonly string[],
    readonly pollMs: number,
  ) {}

  get stopped(): boolean {
    return this.signal.aborted;
  }

  /** Runs a step; on failure records it and returns undefined. */
  async step<T>(info: StepInfo, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    if (this.stopped) {
      this.fail(info, { kind: 'aborted', code: 'AbortError', message: 'the scan was stopped' });
      return undefined;
    }
    // Each step gets its own signal, linked to the scan's: the HTTP handler leaves an abort listener on the signal
    // it is given until the socket closes, which would keep every finished call's objects alive on a shared one.
    const step = new AbortController();
    // A paginated step sends one request per page on this signal; that many listeners is expected.
    setMaxListeners(0, step.signal);
    const stop = () => step.abort(this.signal.reason);
    this.signal.addEventListener('abort', stop, { once: true });
    try {
      return await work(step.signal);
    } catch (error) {
      const failure = classifyAwsError(error);
      // A call cut short by the stop signal is reported as stopped, whatever the SDK called it.
      this.fail(info, this.stopped ? { ...failure, kind: 'aborted' } : failure);
      return undefined;
    } finally {
      this.signal.removeEventListener('abort', stop);
    }
  }

  /** Records a step that could not be read. */
  fail(info: StepInfo, failure: AwsFailure): void {
    const where = info.region ? ` in ${info.region}` : '';
    const reason = `${info.service}:${info.operation}${where} ${describeFailure(failure)}`;
    // Per-resource calls fail the same way thousands of times: one error per operation, region and code.
    const key = `${info.service}|${info.operation}|${info.region ?? ''}|${failure.kind === 'aborted' ? 'aborted' : failure.code}`;
    const seen = this.#errors.get(key);
    if (seen) seen.times++;
    else {
      const error: AwsScanError = { service: info.service, operation: info.operation, message: reason, code: failure.code };
      if (info.region) error.region = info.region;
      this.#errors.set(key, { error, times: 1 });
    }
    for (const g of info.guardrails) this.incomplete(g, reason);
  }

  /** A guardrail cannot be decided: the reason shows on its `unknown` status. */
  incomplete(guardrail: GuardrailId, reason: string): void {
    const reasons = this.#incomplete.get(guardrail) ?? [];
    if (!reasons.includes(reason)) reasons.push(reason);
    this.#incomplete.set(guardrail, reasons);
  }

  get errors(): AwsScanError[] {
    return [...this.#errors.values()].map(({ error, times }) => (times > 1 ? { ...error, message: `${error.message} (${times} times)` } : error));
  }

  get incompleteGuardrails(): ReadonlyMap<GuardrailId, readonly string[]> {
    return this.#incomplete;
  }
}
