import { LoginFieldError } from './errors';

// PKCS#1 v1.5 encryption padding (RFC 8017, 7.2.2): EM = 0x00 || 0x02 || PS (>= 8 nonzero bytes) || 0x00 || M.
// Node 20 refuses RSA_PKCS1_PADDING in privateDecrypt (CVE-2023-46809), so the raw block is unpadded here.
// The scan visits every byte and folds all checks into one flag, so a bad block fails at one point in time.

const MIN_PADDING_BYTES = 8;
const SEPARATOR_MIN_INDEX = 2 + MIN_PADDING_BYTES;

/** Returns M from an encoded block of exactly the modulus length; throws LoginFieldError on any defect. */
export function removePkcs1Type2Padding(block: Uint8Array): Buffer {
  let valid = (block.length > SEPARATOR_MIN_INDEX ? 1 : 0) & (block[0] === 0x00 ? 1 : 0) & (block[1] === 0x02 ? 1 : 0);
  let separatorIndex = 0;
  let separatorSeen = 0;
  for (let index = 2; index < block.length; index++) {
    const isZero = block[index] === 0x00 ? 1 : 0;
    const isFirstZero = isZero & (separatorSeen ^ 1);
    separatorIndex += isFirstZero * index;
    separatorSeen |= isZero;
  }
  valid &= separatorSeen & (separatorIndex >= SEPARATOR_MIN_INDEX ? 1 : 0);
  if (valid !== 1) throw new LoginFieldError();
  return Buffer.from(block.subarray(separatorIndex + 1));
}
