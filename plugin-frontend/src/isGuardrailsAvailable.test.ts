import { isGuardrailsAvailable } from './isGuardrailsAvailable';
import { paymentsEntity, unannotatedEntity } from './testing';

describe('isGuardrailsAvailable', () => {
  it('is true for an entity with a GitHub project slug', () => {
    expect(isGuardrailsAvailable(paymentsEntity)).toBe(true);
  });

  it('is true for an entity with only an AWS account id', () => {
    expect(
      isGuardrailsAvailable({
        ...unannotatedEntity,
        metadata: { ...unannotatedEntity.metadata, annotations: { 'amazonaws.com/account-id': '123456789012' } },
      }),
    ).toBe(true);
  });

  it('is false without either annotation, or with blank values', () => {
    expect(isGuardrailsAvailable(unannotatedEntity)).toBe(false);
    expect(
      isGuardrailsAvailable({
        ...unannotatedEntity,
        metadata: { ...unannotatedEntity.metadata, annotations: { 'github.com/project-slug': '  ' } },
      }),
    ).toBe(false);
  });
});
