import type { Attr } from '../model/attr';
import { set, unknown } from '../model/attr';
import type { ConsoleLogin, StaticCredential } from '../model/resources';
import type { PropertyReader } from './cfn-attributes';
import type { CfnAdaptContext, CfnResourceAdapter } from './cfn-resource-adapter';

/** The user an access key belongs to: its `UserName`, or the name the referenced `AWS::IAM::User` declares. */
function owner(reader: PropertyReader, ctx: CfnAdaptContext): Attr<string> {
  const user = reader.get('UserName');
  if (user?.kind === 'unknown' && user.target !== undefined && user.text === `\${${user.target}}`) {
    const declared = ctx.nameOf(user.target);
    if (declared) return set(declared.name, declared.at);
    // Without a UserName, or with a computed one, the name exists only once deployed.
    return unknown(reader.siteOf(user), `the name of user ${user.target} is known only at deploy time`);
  }
  return reader.string(user, 'absent', 'UserName');
}

/** `Status`: Active (the default) or Inactive. */
function active(reader: PropertyReader): Attr<boolean> {
  const status = reader.string(reader.get('Status'), { value: 'Active', default: 'CloudFormation default: Status Active' }, 'Status');
  switch (status.state) {
    case 'absent':
    case 'unknown':
      return status;
    case 'set':
    case 'default': {
      const value = status.value.toLowerCase();
      if (value === 'active' || value === 'inactive') return { ...status, value: value === 'active' };
      return unknown(status.at, `Status ${status.value} is neither Active nor Inactive`);
    }
  }
}

export const adaptIamAccessKey: CfnResourceAdapter = (base, reader, ctx) => {
  const resource: StaticCredential = {
    ...base,
    kind: 'static-credential',
    provider: 'aws',
    credential: 'IAM access key',
    owner: owner(reader, ctx),
    active: active(reader),
  };
  return resource;
};

/** A user with a `LoginProfile` has a console password; other users are not modelled. */
export const adaptIamUser: CfnResourceAdapter = (base, reader) => {
  const login = reader.get('LoginProfile');
  if (login === undefined) return undefined;
  const resource: ConsoleLogin = {
    ...base,
    kind: 'console-login',
    user:
      login.kind === 'unknown'
        ? unknown(reader.siteOf(login), `LoginProfile: ${login.reason}`)
        : reader.string(reader.get('UserName'), 'absent', 'UserName'),
  };
  return resource;
};
