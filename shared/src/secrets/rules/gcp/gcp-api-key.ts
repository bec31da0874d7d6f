import { ALPHABETS, fakeSecret } from '../../fake-secret';
import { defineSecretRule } from '../../secret-rule';

const key = (seed: string) => 'AIza' + fakeSecret(seed, ALPHABETS.base64url, 35);

export const gcpApiKey = defineSecretRule({
  id: 'gcp-api-key',
  title: 'Google Cloud API key',
  provider: 'GCP',
  description:
    'A Google API key (`AIza…`). Firebase and Maps keys are often public by design; unrestricted keys can still run up bills or read data.',
  severity: 'medium',
  confidence: 'high',
  keywords: ['aiza'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/,
  minEntropy: 3.5,
  // Example keys published in firebase/firebase-android-sdk, as gitleaks allowlists them.
  allow: [
    /^AIzaSy(?:abcdefghijklmnopqrstuvwxyz1234567|AnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs|CkEhVjf3pduRDt6d1yKOMitrUEke8agEM|DMAScliyLx7F0NPDEJi1QmyCgHIAODrlU|D3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0|AdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c|ASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4|ANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY|A5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM|A4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ|DSb51JiIcB6OJpwwMicseKRhhrOq1cS7g|BF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU|BcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw|B8qGxt4ec15vitgn44duC5ucxaOi4FmqE|A8vmApnrHNFE0bApF4hoZ11srVL_n0nvY)$/,
    /^AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A$/,
  ],
  visiblePrefix: 4,
  prefixLength: 4,
  message:
    'A Google API key is committed ({{evidence}}). Unless it is a deliberately public, restricted client key, rotate it and restrict it to the APIs and referrers that need it.',
  remediation: {
    text: 'Rotate the key in the Google Cloud console and add API and application restrictions.',
    pavedRoad: 'Serve server-side keys from Secret Manager; for client keys, apply API restrictions and App Check.',
  },
  anchors: { gitleaks: ['gcp-api-key'], trufflehog: ['GoogleApiKey'], 'GitHub secret scanning': ['google_api_key'] },
  references: ['https://cloud.google.com/docs/authentication/api-keys#securing'],
  examples: {
    leaks: [`const apiKey = "${key('g1')}";`, `GOOGLE_API_KEY=${key('g2')}`, `maps_key: '${key('g3')}'`],
    notLeaks: [
      { text: `key = "AIza${'X'.repeat(35)}"`, why: 'a placeholder' },
      { text: `key = "AIza${fakeSecret('n2', ALPHABETS.base64url, 30)}"`, why: 'too short for an API key' },
      { text: '"current_key": "AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs"', why: 'a published Firebase SDK example key' },
    ],
  },
});
