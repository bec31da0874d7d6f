import { ALPHABETS, fakeSecret } from '../../fake-secret';
import { defineSecretRule } from '../../secret-rule';

const hook = (seed: string) =>
  `https://hooks.slack.com/services/T${fakeSecret(seed, ALPHABETS.upperAlnum, 8)}/B${fakeSecret(seed + 'b', ALPHABETS.upperAlnum, 10)}/${fakeSecret(seed + 'c', ALPHABETS.alnum, 24)}`;

export const slackWebhook = defineSecretRule({
  id: 'slack-webhook',
  title: 'Slack incoming webhook',
  provider: 'Slack',
  description: 'A Slack incoming webhook or workflow trigger URL.',
  severity: 'medium',
  confidence: 'high',
  keywords: ['hooks.slack.com'],
  pattern: /(?<secret>hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56})(?![A-Za-z0-9+/])/,
  minEntropy: 3.5,
  visiblePrefix: 25,
  prefixLength: 25,
  message: 'A Slack webhook URL is committed ({{evidence}}). Anyone can post to the channel with it: regenerate the webhook and keep the URL as a secret.',
  remediation: {
    text: 'Remove the webhook in the Slack app configuration and create a new one.',
    pavedRoad: 'Keep webhook URLs in CI secrets or a secret manager.',
  },
  anchors: { gitleaks: ['slack-webhook-url'], secretlint: ['slack'], trufflehog: ['SlackWebhook'] },
  references: ['https://api.slack.com/messaging/webhooks'],
  examples: {
    leaks: [`SLACK_WEBHOOK_URL=${hook('w1')}`, `"webhook": "${hook('w2')}"`],
    notLeaks: [
      { text: 'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', why: 'the placeholder from Slack docs' },
    ],
  },
});
