// The bundle check's thread: parses a bundle's text and checks it up to its records (schema, references, chain,
// what carried-by-derive runs say: bundle-check.ts), and decodes and hashes the series every other run carries,
// which is most of the work for a large bundle (a 231 MB version 1 bundle held the main thread 58 s, issue 11).
// The decoded series blobs travel back transferred, not copied, and leave the bundle's base64 text behind them, so
// the main thread neither decodes nor receives them twice. A refusal comes back as the error the check threw.
import { parentPort } from 'node:worker_threads';
import { PeelError, type PeelErrorShape } from '../../../shared/contract/errors';
import { readBundleText } from '../services/exchange/bundle-check';
import { carriedRunsOf } from '../services/exchange/carried-series';
import { sha256Hex } from '../services/exchange/sha256';
import type { BundleCheckReply, BundleCheckRequest } from './bundle-check-messages';

const port = parentPort;
if (!port) throw new Error('bundle-check-worker must run as a worker thread');

function errorShape(error: unknown): PeelErrorShape {
  if (error instanceof PeelError) return error.toShape();
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

port.on('message', (message: BundleCheckRequest) => {
  let reply: BundleCheckReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const text =
      message.text ??
      Buffer.from(message.bytes!.buffer, message.bytes!.byteOffset, message.bytes!.byteLength).toString(
        'utf8',
      );
    const read = readBundleText(text, sha256Hex, message.fileName);
    const carried = carriedRunsOf(read.bundle);
    for (const run of carried.values()) {
      if ('blobs' in run.series)
        for (const blob of run.series.blobs) transfer.push(blob.buffer as ArrayBuffer);
    }
    reply = {
      jobId: message.jobId,
      ok: true,
      read,
      carried,
      // Hashed here only when the caller did not hash the bytes as it read them.
      sha256: message.text !== undefined ? sha256Hex(message.text) : null,
    };
  } catch (error) {
    reply = { jobId: message.jobId, ok: false, error: errorShape(error) };
  }
  port.postMessage(reply, transfer);
});
