// "Check the plug with the real config": a pasted or opened flink-conf.yaml / config.yaml (and optionally the last
// good one) read by the shared checks, recorded as a `config.imported` event with the content hashes, the file
// names, the container size and the findings. The texts themselves are not recorded: a real config can hold
// secrets (S3 keys, passwords); the hash proves which text was checked.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { PeelError } from '../../../../shared/contract/errors';
import { checkFlinkConfig } from '../../../../shared/imports/config-check';
import { diffFlinkConfigs } from '../../../../shared/imports/config-diff';
import { FlinkConfigError } from '../../../../shared/sim/config/flink-config-error';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';
import { sha256Hex } from './content-hash';

function readable<T>(which: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof FlinkConfigError) {
      throw new PeelError('invalid-request', `real.checkConfig: ${which}: ${error.message}`, {
        keys: error.keys,
      });
    }
    throw error;
  }
}

export function checkRealConfig(
  ctx: ServiceContext,
  request: RequestOf<'real.checkConfig'>,
): ResponseOf<'real.checkConfig'> {
  requireInvestigation(ctx, request.investigationId);
  const config = request.config;
  const check = readable(config.fileName ?? 'the config', () =>
    checkFlinkConfig(
      {
        text: config.text,
        ...(config.fileName ? { fileName: config.fileName } : {}),
        ...(request.containerBytes ? { containerBytes: request.containerBytes } : {}),
        ...(request.observedDirectPeakBytes
          ? { observedDirectPeakBytes: request.observedDirectPeakBytes }
          : {}),
      },
      sha256Hex,
    ),
  );
  const lastGood = request.lastGood;
  const diff = lastGood
    ? readable(lastGood.fileName ?? 'the last good config', () => ({
        ...diffFlinkConfigs(
          { text: lastGood.text, ...(lastGood.fileName ? { fileName: lastGood.fileName } : {}) },
          { text: config.text, ...(config.fileName ? { fileName: config.fileName } : {}) },
        ),
        lastGoodSha256: sha256Hex(lastGood.text),
      }))
    : null;
  const event = commit(ctx, (record) =>
    record({
      investigationId: request.investigationId,
      kind: 'config.imported',
      ruleId: 'check-the-plug',
      payload: {
        fileName: check.fileName,
        dialect: check.dialect,
        contentSha256: check.contentSha256,
        keys: Object.keys(check.config).length,
        containerBytes: request.containerBytes ?? null,
        maxDirectMemory: check.memory?.maxDirectMemory ?? null,
        findings: check.findings.map((f) => ({ id: f.id, severity: f.severity, keys: f.keys })),
        lastGood: diff
          ? {
              fileName: lastGood?.fileName ?? null,
              contentSha256: diff.lastGoodSha256,
              changedKeys: diff.keys.map((k) => k.key),
            }
          : null,
      },
    }),
  );
  return {
    dialect: check.dialect,
    fileName: check.fileName,
    config: check.config,
    memory: check.memory,
    containerBytes: request.containerBytes ?? null,
    findings: check.findings,
    parseWarnings: check.parseWarnings,
    contentSha256: check.contentSha256,
    diff,
    eventId: event.id,
  };
}
