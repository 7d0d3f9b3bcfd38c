// Turns the simulator's parameter and configuration errors into the contract's error shape, naming the call and
// the field or Flink keys at fault.
import { PeelError } from '../../../../shared/contract/errors';
import { FlinkConfigError } from '../../../../shared/sim/config/flink-config-error';
import { ExperimentParamsError } from '../../../../shared/sim/engine/experiment-params';

export function asPeelError(channel: string, error: unknown): unknown {
  if (error instanceof ExperimentParamsError) {
    return new PeelError('invalid-request', `${channel}: params.${error.message}`, {
      field: `params.${error.field}`,
    });
  }
  if (error instanceof FlinkConfigError) {
    return new PeelError('invalid-request', `${channel}: ${error.message}`, { keys: error.keys });
  }
  return error;
}

/** Runs `work`, rethrowing simulator errors as PeelErrors. */
export function withParamErrors<T>(channel: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw asPeelError(channel, error);
  }
}
