"""An optional, self-hosted proof of work (hashcash style) bound to a form stamp.

Off by default (difficulty 0). With difficulty N the browser must find an answer `pow`
(a decimal counter) such that SHA-256 of `<stamp>:<pow>` starts with N zero bits; the
stamp carries N, so the check needs no state. The solver is `SOLVER_JS` (served as
`/comments/pow.js`): about 2^N hashes in the reader's browser, e.g. N = 16 is well under a
second on a phone, a real cost for anyone posting thousands of comments. No third party.
"""

from __future__ import annotations

import hashlib

MAX_BITS = 24
ANSWER_MAX_CHARS = 20


def leading_zero_bits(digest: bytes) -> int:
    """Return how many zero bits a digest starts with."""
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + 8 - byte.bit_length()
    return bits


def solves(stamp: str, answer: str | None, bits: int) -> bool:
    """Return whether `answer` is a valid proof of work of `bits` for this stamp."""
    if bits <= 0:
        return True
    if not answer or len(answer) > ANSWER_MAX_CHARS or not answer.isdigit():
        return False
    digest = hashlib.sha256(f"{stamp}:{answer}".encode("ascii")).digest()
    return leading_zero_bits(digest) >= bits


def solve(stamp: str, bits: int) -> str:
    """Return the first answer for a stamp (tests, benchmarks; browsers run SOLVER_JS)."""
    counter = 0
    while not solves(stamp, str(counter), bits):
        counter += 1
    return str(counter)


# Used by the comment form's script: `await facesProofOfWork(stamp)` -> the `pow` field value.
SOLVER_JS = """\
// Proof of work for the comment form: find n with SHA-256("<stamp>:<n>") starting with
// the number of zero bits the stamp names (its third dot-separated part). Self-hosted.
async function facesProofOfWork(stamp) {
  const bits = Number(stamp.split(".")[2] || 0);
  if (!bits) return "";
  const encoder = new TextEncoder();
  for (let n = 0; ; n++) {
    const digest = new Uint8Array(
      await crypto.subtle.digest("SHA-256", encoder.encode(stamp + ":" + n)));
    let zeros = 0;
    for (const byte of digest) {
      if (byte === 0) { zeros += 8; continue; }
      zeros += Math.clz32(byte) - 24;
      break;
    }
    if (zeros >= bits) return String(n);
  }
}
window.facesProofOfWork = facesProofOfWork;
"""
