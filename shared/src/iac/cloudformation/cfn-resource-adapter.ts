import type { Resource } from '../model/resources';
import type { PropertyReader } from './cfn-attributes';

/** What every resource of a template has: the logical id is its address and its name. */
export type CfnResourceBase = Pick<Resource, 'address' | 'type' | 'origin' | 'site' | 'name'>;

/** What a type adapter may ask about the rest of the template. */
export interface CfnAdaptContext {
  /** The logical id of the resource of `type` that declares `name` (`BucketName: logs` → `LogsBucket`). */
  named(type: string, name: string): string | undefined;
  /** The name a resource declares (its `BucketName`, `UserName`, ...), when known; with where it is written. */
  nameOf(logicalId: string): { name: string; at: PropertyReader['site'] } | undefined;
  /** The type of a resource of the template (`AWS::IAM::Role`), or undefined when there is no such logical id. */
  typeOf(logicalId: string): string | undefined;
}

/**
 * Maps one CloudFormation resource type to the model (or to nothing, when the resource is irrelevant). A resource
 * that the model splits in two (a managed policy and its attachments) gives several; their addresses stay unique
 * because logical ids are alphanumeric and the extra ones contain a dot.
 */
export type CfnResourceAdapter = (base: CfnResourceBase, reader: PropertyReader, ctx: CfnAdaptContext) => Resource | readonly Resource[] | undefined;
