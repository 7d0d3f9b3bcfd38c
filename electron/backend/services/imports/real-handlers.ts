// The real-incident channels bound to their services.
import type { realChannels } from '../../../../shared/contract/real-channels';
import { importMetricsText } from '../../../../shared/imports/import-metrics';
import type { ServiceContext } from '../context';
import type { ExchangeHost } from '../exchange/exchange-host';
import type { HandlersFor } from '../handler-types';
import { sha256Hex } from './content-hash';
import {
  cancelImport,
  openAndImportFile,
  startFileImport,
  startFollow,
  startPrometheusImport,
} from './import-jobs';
import { asPeelError, listImports, storeImport } from './import-records';
import { listRealRuns, logRealExperiment } from './real-experiments';

function readText(fileName: string, text: string) {
  try {
    return importMetricsText(text, { source: fileName });
  } catch (error) {
    throw asPeelError(error, 'real.importText');
  }
}

export function realHandlers(
  ctx: ServiceContext,
  host?: Pick<ExchangeHost, 'chooseOpenPath'>,
): HandlersFor<keyof typeof realChannels> {
  return {
    // Loaded when first used: reading a Flink config brings a YAML parser, which the backend's start (and with it
    // the page's first calls) need not wait for.
    'real.checkConfig': async (request) => (await import('./config-import')).checkRealConfig(ctx, request),
    'real.importText': (request) =>
      storeImport(
        ctx,
        request.investigationId,
        readText(request.fileName, request.text),
        {
          origin: 'file',
          contentSha256: sha256Hex(request.text),
          bytes: Buffer.byteLength(request.text, 'utf8'),
        },
        'real.importText',
      ),
    'real.importFile': (request) => startFileImport(ctx, request),
    'real.openFile': (request) => openAndImportFile(ctx, request, host),
    'real.queryPrometheus': (request) => startPrometheusImport(ctx, request),
    'real.follow': (request) => startFollow(ctx, request),
    'real.cancel': (request) => cancelImport(ctx, request),
    'real.imports': (request) => listImports(ctx, request.investigationId),
    'real.runs': (request) => listRealRuns(ctx, request),
    'experiments.logReal': (request) => logRealExperiment(ctx, request),
  };
}
