// The exchange channels (exports and imports) bound to their services.
import type { exchangeChannels } from '../../../../shared/contract/exchange-channels';
import type { ServiceContext } from '../context';
import type { HandlersFor, HostInfo } from '../handler-types';
import { cancelBundleImport, importBundleText, startBundleFileImport } from './bundle-import-job';
import type { ExchangeHost } from './exchange-host';
import { renderForClient, saveWithDialog } from './exports';
import { continueImported, exchangeMarks, exchangeStatus, importedTrail } from './imports';

export function exchangeHandlers(
  ctx: ServiceContext,
  hostInfo: HostInfo,
  host?: ExchangeHost,
): HandlersFor<keyof typeof exchangeChannels> {
  return {
    'exports.render': (request) => renderForClient(ctx, hostInfo, request),
    'exports.save': (request) => saveWithDialog(ctx, hostInfo, host, request),
    'bundles.import': (request) => importBundleText(ctx, request),
    'bundles.importFile': (request) => startBundleFileImport(ctx, request),
    'bundles.cancelImport': (request) => cancelBundleImport(ctx, request),
    'imports.status': (request) => exchangeStatus(ctx, request.investigationId),
    'imports.marks': () => exchangeMarks(ctx),
    'imports.trail': (request) => importedTrail(ctx, request),
    'imports.continue': (request) => continueImported(ctx, request),
  };
}
