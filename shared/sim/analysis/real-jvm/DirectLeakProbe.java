// Test material for the staircase analysis (not app code): a real JVM living through simulated Flink restarts,
// its `direct` BufferPoolMXBean MemoryUsed sampled to CSV. Modelled on reference/jdk-direct-memory.md section 4.
//
// Usage: java [JVM flags below] DirectLeakProbe MODE OUT.csv [restarts] [clock]
// Writes "Time,direct" rows (epoch ms, bytes) to OUT.csv and one line per restart "restart <epoch ms>" to stdout.
// clock (how samples are taken and timed):
//   ticks     one sample at the end of every tick of the workload, timed by the workload's own progress: the run's
//             start plus 10 ms per tick done, whatever the tick really took. Each tick allocates the same (below),
//             so a restart period has the same samples and the same length on an idle machine and on one where the
//             JVM gets a tenth of a core for a while; the values are the JVM's, read when the tick ends. The live
//             test runs this way.
//   N         (a number) a sampler thread reads MemoryUsed every N ms of wall-clock time, stamped with the wall
//             clock, as a metrics reporter would: how the fixtures were recorded. On a loaded machine the JVM's
//             pace, and so where the periods and GC cycles fall in time, follows the CPU it is given.
// Modes and the JVM flags they are meant for (the test runs them so):
//   leak      open() allocates the operator's map as one direct buffer; close() only drops the reference.
//             -XX:+DisableExplicitGC -XX:MaxDirectMemorySize=256m: the tenured maps stay, a staircase.
//   leak-oom  the same with -XX:MaxDirectMemorySize=112m: the staircase reaches the limit; open() then fails
//             with "Cannot reserve ..." on every restart (the task fails, the JVM lives on): a plateau.
//   sawtooth  the same leak, explicit GC left on, -XX:MaxDirectMemorySize=112m: the reservation's System.gc()
//             frees the dropped maps when the limit is near, a cliff back to the baseline.
//   fixed     close() frees the map at once through Unsafe.invokeCleaner: flat.
//   transient no map; every tick allocates RPC-like buffers and drops them, young GCs reclaim them: flat.
// The fixtures beside this file (MODE.csv) were recorded with `java -Xmx64m -Xmn8m -XX:+UseG1GC FLAGS
// DirectLeakProbe MODE MODE.csv 10 10` (leak-oom: 6 restarts), i.e. sampled every 10 ms of wall-clock time.
// Every mode keeps a network pool (1024 x 32 KiB) for its whole life, allocates small RPC buffers each tick
// (the last 4 kept) and 2 MiB of heap garbage per tick, and runs each period until 16 young GCs have passed, so
// an operator's map is tenured (G1's tenuring threshold is 15) before the restart, as after minutes of uptime.

import java.io.FileWriter;
import java.io.PrintWriter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

public final class DirectLeakProbe {
  static final int MiB = 1 << 20;
  static final int MAP_BYTES = 16 * MiB;
  static final int YOUNG_GCS_PER_PERIOD = 16;

  static volatile byte[] sink;

  /** The operator: open() builds its map off-heap, close() frees it or only forgets it. */
  static final class Operator {
    private final boolean freesOnClose;
    private ByteBuffer map;

    Operator(boolean freesOnClose) {
      this.freesOnClose = freesOnClose;
    }

    void open() {
      map = ByteBuffer.allocateDirect(MAP_BYTES);
      for (int i = 0; i < MAP_BYTES; i += 4096) map.put(i, (byte) 1);
    }

    void close() throws ReflectiveOperationException {
      if (map != null && freesOnClose) invokeCleaner(map);
      map = null;
    }
  }

  static void invokeCleaner(ByteBuffer buffer) throws ReflectiveOperationException {
    Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
    Field field = unsafeClass.getDeclaredField("theUnsafe");
    field.setAccessible(true);
    Object unsafe = field.get(null);
    unsafeClass.getMethod("invokeCleaner", ByteBuffer.class).invoke(unsafe, buffer);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: DirectLeakProbe leak|leak-oom|sawtooth|fixed|transient OUT.csv [restarts] [ticks|sampleMs]");
      System.exit(2);
    }
    String mode = args[0];
    int restarts = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    String clock = args.length > 3 ? args[3] : "ticks";
    boolean hasMap = !mode.equals("transient");
    Operator operator = new Operator(mode.equals("fixed"));
    int rpcBytes = mode.equals("transient") ? MiB : 256 * 1024;

    BufferPoolMXBean direct = null;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) direct = pool;
    }
    if (direct == null) throw new IllegalStateException("no direct BufferPoolMXBean");

    List<ByteBuffer> networkPool = new ArrayList<>();
    for (int i = 0; i < 1024; i++) networkPool.add(ByteBuffer.allocateDirect(32 * 1024));

    Traffic traffic = new Traffic(rpcBytes, mode.equals("transient") ? 0 : 4);
    if (hasMap) operator.open();
    // The recording starts once the job runs (as a Grafana time range would): JIT warm-up and the first RPC
    // buffers are not part of the story.
    traffic.runFor(4, Recorder.NONE);
    try (PrintWriter out = new PrintWriter(new FileWriter(args[1]))) {
      out.println("Time,direct");
      Recorder recorder =
          clock.equals("ticks") ? new TickRecorder(direct, out) : new WallSampler(direct, out, Long.parseLong(clock));
      recorder.begin();
      for (int period = 0; period <= restarts; period++) {
        if (period > 0) {
          // A restart: close() on the failed task, a short restart delay, then open() on the new attempt. Its
          // time is when close() runs, as a failover's timestamp would be.
          System.out.println("restart " + recorder.now());
          operator.close();
          Thread.sleep(8);
          if (hasMap) {
            try {
              operator.open();
            } catch (OutOfMemoryError e) {
              System.out.println("oom " + e.getMessage());
            }
          }
        }
        traffic.runFor(YOUNG_GCS_PER_PERIOD, recorder);
      }
      recorder.end();
    }
    networkPool.clear();
  }

  /** What a running task does each tick: RPC buffers (the last few kept in flight) and heap garbage. */
  static final class Traffic {
    private final int rpcBytes;
    private final int kept;
    private final ArrayDeque<ByteBuffer> inFlight = new ArrayDeque<>();

    Traffic(int rpcBytes, int kept) {
      this.rpcBytes = rpcBytes;
      this.kept = kept;
    }

    /**
     * Ticks until this many young GCs have run, telling the recorder after each. Every tick allocates the same (two
     * RPC buffers, 2 MiB of heap garbage), so the young GCs, and with them the ticks of a period, come from the
     * allocation, not from how long anything took.
     */
    void runFor(int youngGcCount, Recorder recorder) throws InterruptedException {
      long start = youngGcs();
      while (youngGcs() - start < youngGcCount) {
        try {
          for (int k = 0; k < 2; k++) {
            inFlight.addLast(ByteBuffer.allocateDirect(rpcBytes));
            if (inFlight.size() > kept) inFlight.removeFirst();
          }
        } catch (OutOfMemoryError e) {
          // An RPC buffer can be the allocation that fails once the leak has eaten the headroom.
        }
        for (int k = 0; k < 16; k++) sink = new byte[128 * 1024];
        Thread.sleep(1);
        recorder.tick();
      }
    }
  }

  static long youngGcs() {
    long count = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc.getName().contains("Young")) count += gc.getCollectionCount();
    }
    return count;
  }

  /** Takes the samples and gives the times: of the samples and of the restarts (the "restart" lines). */
  interface Recorder {
    Recorder NONE =
        new Recorder() {
          @Override
          public void begin() {}

          @Override
          public void tick() {}

          @Override
          public long now() {
            return System.currentTimeMillis();
          }

          @Override
          public void end() {}
        };

    void begin();

    /** A tick of the workload has ended. */
    void tick();

    /** The time to give an event now, on this recorder's clock (epoch ms). */
    long now();

    void end() throws InterruptedException;
  }

  /**
   * One sample per tick, on the workload's clock: the start's epoch ms plus TICK_MS per tick done. A restart
   * between ticks is given the time half-way between the samples either side of it.
   *
   * A young GC only finds dead buffers; their memory leaves MemoryUsed when the Reference Handler thread runs their
   * Cleaners. On a loaded machine that thread can wait for a CPU for many ticks while this one runs on, so a sample
   * taken at once would read freed-to-be RPC buffers as kept, more or less depending on the machine. Each sample
   * is read once the Reference Handler has nothing pending (the wait Bits.reserveMemory itself does before it gives
   * up on a reservation; it needs --add-opens java.base/java.lang.ref=ALL-UNNAMED): what a sample reads is what the
   * JVM has freed by then, not how fast it got round to it.
   */
  static final class TickRecorder implements Recorder {
    static final long TICK_MS = 10;
    private final BufferPoolMXBean pool;
    private final PrintWriter out;
    private final Method waitForReferenceProcessing;
    private long originMs;
    private long ticks;

    TickRecorder(BufferPoolMXBean pool, PrintWriter out) {
      this.pool = pool;
      this.out = out;
      try {
        waitForReferenceProcessing = Reference.class.getDeclaredMethod("waitForReferenceProcessing");
        waitForReferenceProcessing.setAccessible(true);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalStateException(
            "the ticks clock waits for reference processing: run with --add-opens java.base/java.lang.ref=ALL-UNNAMED ("
                + e
                + ")",
            e);
      }
    }

    private void awaitCleaners() {
      try {
        while ((Boolean) waitForReferenceProcessing.invoke(null)) {
          // It waited for one batch; more may have come meanwhile.
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("waiting for reference processing failed", e);
      }
    }

    @Override
    public void begin() {
      originMs = System.currentTimeMillis();
      ticks = 0;
    }

    @Override
    public void tick() {
      ticks++;
      awaitCleaners();
      out.println((originMs + ticks * TICK_MS) + "," + pool.getMemoryUsed());
    }

    @Override
    public long now() {
      return originMs + ticks * TICK_MS + TICK_MS / 2;
    }

    @Override
    public void end() {}
  }

  /** Reads MemoryUsed every sampleMs of wall-clock time on its own thread, as a metrics reporter would. */
  static final class WallSampler extends Thread implements Recorder {
    private final BufferPoolMXBean pool;
    private final PrintWriter out;
    private final long sampleMs;
    private volatile boolean running = true;

    WallSampler(BufferPoolMXBean pool, PrintWriter out, long sampleMs) {
      this.pool = pool;
      this.out = out;
      this.sampleMs = sampleMs;
      setDaemon(true);
    }

    @Override
    public void begin() {
      start();
    }

    @Override
    public void tick() {}

    @Override
    public long now() {
      return System.currentTimeMillis();
    }

    @Override
    public void run() {
      while (running) {
        out.println(System.currentTimeMillis() + "," + pool.getMemoryUsed());
        try {
          Thread.sleep(sampleMs);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    @Override
    public void end() throws InterruptedException {
      // The last restart's level, a few more samples in.
      Thread.sleep(40);
      running = false;
      join();
    }
  }
}
