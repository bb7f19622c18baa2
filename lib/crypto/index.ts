export { SecretError, isSecretError, type SecretErrorCode } from './errors';
export { generateKey, parseKeyring, keyringFromKeys, KEY_BYTES, type Keyring } from './keyring';
export { sealSecret, openSecret, sealedKeyVersion, needsReseal } from './seal';
