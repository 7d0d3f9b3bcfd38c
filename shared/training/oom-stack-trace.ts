// The OutOfMemoryError as the JVM prints it in the TaskManager log: the JDK 17 text with Bits.reserveMemory's
// frames (reference/jdk-direct-memory.md, section 2), then the frames of whatever asked for the buffer, then the
// Flink task thread. The allocation site is read from the simulator's OOM event and the operator it names.
import type { SimEvent } from '../sim/engine/run-types';
import type { OperatorSpec } from '../sim/topology/job-graph';

const JDK_DIRECT_FRAMES = [
  'java.base/java.nio.Bits.reserveMemory(Bits.java:178)',
  'java.base/java.nio.DirectByteBuffer.<init>(DirectByteBuffer.java:121)',
  'java.base/java.nio.ByteBuffer.allocateDirect(ByteBuffer.java:332)',
];

const TASK_FRAMES = [
  'org.apache.flink.streaming.runtime.tasks.StreamTask.invoke(StreamTask.java:806)',
  'org.apache.flink.runtime.taskmanager.Task.doRun(Task.java:953)',
  'org.apache.flink.runtime.taskmanager.Task.run(Task.java:566)',
  'java.base/java.lang.Thread.run(Thread.java:840)',
];

/** `lookup-geo` -> `com.example.ads.LookupGeo`: the user class behind an operator. */
export function userClassOf(operatorId: string): string {
  const pascal = operatorId
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
  return `com.example.ads.${pascal}`;
}

function requestedBytes(message: string): number | null {
  const match = /Cannot reserve (\d+) bytes/.exec(message);
  return match ? Number(match[1]) : null;
}

function siteFrames(op: OperatorSpec | undefined, requested: number | null): string[] {
  if (!op) {
    return [
      'io.netty.buffer.PoolArena$DirectArena.allocateDirect(PoolArena.java:718)',
      'io.netty.buffer.PoolArena$DirectArena.newChunk(PoolArena.java:693)',
      'org.apache.flink.runtime.io.network.netty.NettyBufferPool.directBuffer(NettyBufferPool.java:248)',
    ];
  }
  const cls = userClassOf(op.id);
  const simple = cls.slice(cls.lastIndexOf('.') + 1);
  if (op.map && requested === op.map.bytes) {
    return [
      `${cls}.loadReferenceData(${simple}.java:74)`,
      `${cls}.open(${simple}.java:51)`,
      'org.apache.flink.api.common.functions.util.FunctionUtils.openFunction(FunctionUtils.java:34)',
      'org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator.open(AbstractUdfStreamOperator.java:101)',
      'org.apache.flink.streaming.runtime.tasks.RegularOperatorChain.initializeStateAndOpenOperators(RegularOperatorChain.java:107)',
      'org.apache.flink.streaming.runtime.tasks.StreamTask.restoreGates(StreamTask.java:731)',
    ];
  }
  if (op.rpc) {
    return [
      'org.apache.thrift.transport.TNonblockingSocket.read(TNonblockingSocket.java:141)',
      'org.apache.thrift.async.TAsyncMethodCall.doReadingResponseBody(TAsyncMethodCall.java:220)',
      `${cls}$ResponseHandler.onComplete(${simple}.java:133)`,
      `${cls}.asyncInvoke(${simple}.java:88)`,
      'org.apache.flink.streaming.api.operators.async.AsyncWaitOperator.processElement(AsyncWaitOperator.java:222)',
      'org.apache.flink.streaming.runtime.tasks.OneInputStreamTask$StreamTaskNetworkOutput.emitRecord(OneInputStreamTask.java:238)',
      'org.apache.flink.streaming.runtime.tasks.StreamTask.processInput(StreamTask.java:562)',
    ];
  }
  if (op.kind === 'source') {
    return [
      'java.base/sun.nio.ch.Util.getTemporaryDirectBuffer(Util.java:243)',
      'java.base/sun.nio.ch.IOUtil.read(IOUtil.java:293)',
      'org.apache.kafka.common.network.PlaintextTransportLayer.read(PlaintextTransportLayer.java:103)',
      'org.apache.kafka.clients.consumer.KafkaConsumer.poll(KafkaConsumer.java:1210)',
      'org.apache.flink.connector.kafka.source.reader.KafkaPartitionSplitReader.fetch(KafkaPartitionSplitReader.java:113)',
    ];
  }
  if (op.kind === 'sink') {
    return [
      'java.base/sun.nio.ch.Util.getTemporaryDirectBuffer(Util.java:243)',
      'java.base/sun.nio.ch.IOUtil.write(IOUtil.java:62)',
      `${cls}.flushBatch(${simple}.java:164)`,
      `${cls}.invoke(${simple}.java:97)`,
      'org.apache.flink.streaming.api.operators.StreamSink.processElement(StreamSink.java:54)',
    ];
  }
  return [
    'io.netty.buffer.PoolArena$DirectArena.newChunk(PoolArena.java:693)',
    'org.apache.flink.runtime.io.network.netty.NettyBufferPool.directBuffer(NettyBufferPool.java:248)',
    'org.apache.flink.runtime.io.network.netty.NettyMessage.allocateBuffer(NettyMessage.java:139)',
  ];
}

/** The full text of an OOM event as the TaskManager log shows it, tab-indented frames. */
export function oomStackTrace(event: SimEvent, operators: readonly OperatorSpec[]): string {
  const op = operators.find((candidate) => candidate.id === event.operator);
  const heap = /Java heap space/.test(event.message);
  const frames = heap
    ? [...siteFrames(op, null).slice(-3)]
    : [...JDK_DIRECT_FRAMES, ...siteFrames(op, requestedBytes(event.message))];
  return [event.message, ...[...frames, ...TASK_FRAMES].map((frame) => `\tat ${frame}`)].join('\n');
}
