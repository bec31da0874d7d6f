import { ALPHABETS, fakeSecret } from '../../fake-secret';
import { defineSecretRule } from '../../secret-rule';

// Formats from Slack's token docs, as gitleaks encodes them (bot, user, app-level, configuration, legacy).
const SLACK_TOKEN = new RegExp(
  '(?<![A-Za-z0-9_-])(?<secret>' +
    [
      'xoxb-[0-9]{10,13}-[0-9]{10,13}-?[A-Za-z0-9-]{0,64}',
      'xox[pe](?:-[0-9]{10,13}){3}-[A-Za-z0-9-]{28,34}',
      'xapp-[0-9]-[A-Z0-9]{1,20}-[0-9]{1,20}-[a-z0-9]{16,100}',
      'xoxe\\.xox[bp]-[0-9]-[A-Za-z0-9]{140,200}',
      'xoxe-[0-9]-[A-Za-z0-9]{140,160}',
      'xox[os]-[0-9]{1,20}-[0-9]{1,20}-[0-9]{1,20}-[a-fA-F0-9]{8,100}',
      'xox[ar]-(?:[0-9]-)?[0-9a-zA-Z]{8,48}',
    ].join('|') +
    ')(?![A-Za-z0-9_-])',
);

const KINDS: Record<string, string> = { xoxb: 'bot token', xoxp: 'user token', xoxe: 'configuration token', xapp: 'app-level token' };

export const slackToken = defineSecretRule({
  id: 'slack-token',
  title: 'Slack token',
  provider: 'Slack',
  description: 'A Slack bot, user, app-level, configuration or legacy token.',
  severity: 'high',
  confidence: 'high',
  keywords: ['xoxb-', 'xoxp-', 'xoxe', 'xapp-', 'xoxa-', 'xoxr-', 'xoxo-', 'xoxs-'],
  pattern: SLACK_TOKEN,
  minEntropy: 2.8,
  visiblePrefix: 5,
  prefixLength: 5,
  inspect(match) {
    const kind = KINDS[match.secret.slice(0, 4)] ?? 'token';
    return { data: { kind }, properties: { tokenKind: kind } };
  },
  message: 'A Slack {{kind}} is committed ({{evidence}}). It can read or post in your workspace: revoke it and store the new one as a secret.',
  remediation: {
    text: 'Revoke the token (api.slack.com > Your apps > OAuth & Permissions, or `auth.revoke`).',
    pavedRoad: 'Keep Slack tokens in a secret manager or CI secrets and rotate them with token rotation.',
  },
  anchors: { gitleaks: ['slack-bot-token', 'slack-user-token', 'slack-app-token', 'slack-config-access-token', 'slack-legacy-token'], secretlint: ['slack'], trufflehog: ['Slack'] },
  references: ['https://api.slack.com/concepts/token-types'],
  examples: {
    leaks: [
      `SLACK_BOT_TOKEN=xoxb-${fakeSecret('k1', ALPHABETS.digits, 12)}-${fakeSecret('k1b', ALPHABETS.digits, 13)}-${fakeSecret('k1c', ALPHABETS.alnum, 24)}`,
      `token: "xoxp-${fakeSecret('k2', ALPHABETS.digits, 11)}-${fakeSecret('k2b', ALPHABETS.digits, 11)}-${fakeSecret('k2c', ALPHABETS.digits, 13)}-${fakeSecret('k2d', ALPHABETS.hex, 32)}"`,
    ],
    notLeaks: [
      { text: 'SLACK_BOT_TOKEN=xoxb-xxxxxxxxxxx-xxxxxxxxxxxxx', why: 'a placeholder' },
      { text: 'https://cdn.example.org/img/xoxo-indieweb-1.jpg', why: 'a file name, not a token' },
    ],
  },
});
