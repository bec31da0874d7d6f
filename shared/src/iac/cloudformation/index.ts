export * from './cfn-scan';
export * from './cfn-template';
export * from './cfn-adapter';
export * from './cfn-evaluate';
export type { CfnEntry, CfnMap, CfnNode, CfnScalar, CfnScalarValue, CfnSeq, Span } from './cfn-node';
