// Test material for the staircase analysis (not app code): a real JVM that lives like a Flink TaskManager through
// job restarts, in four ways an incident can look, its `direct` BufferPoolMXBean MemoryUsed and its resident set
// size sampled to CSV. A job restart here is what Flink does in a TaskManager that survives it: the operators'
// close(), a short restart delay, then open() on the new attempt, in the same JVM (reference/jdk-direct-memory.md
// section 4). Containers replaced by fresh JVMs are not modelled: memory legitimately starts over there.
//
// Usage: java [JVM flags] TaskManagerProbe KIND OUT_PREFIX SEED RESTARTS MIN_INTERVAL_S MAX_INTERVAL_S SAMPLE_MS
//          [MIN_YOUNG_GCS]
// Writes OUT_PREFIX.csv ("time_ms,direct_bytes,rss_kib", time from the start of the recording) and
// OUT_PREFIX.json (kind, seed, JVM flags, the restart times in the CSV's time, what each restart did).
// Kinds:
//   sporadic-leak  an operator's open() builds a 3-6 MiB state buffer; on some restarts (about 45%) its close()
//                  forgets to free it and a static registry keeps it reachable: no GC can take it back. Under it,
//                  several MiB of short-lived RPC buffers come and go with every young GC.
//   restart-blip   open() restores state into 24-48 MiB of buffers held 2-6 s, then dropped (a young GC frees them);
//                  besides, large RPC payloads spike 8-32 MiB at random times for 0.2-1.5 s. Nothing lasts.
//   gc-left-step   a client library's open() takes a small buffer pool (1.5-3 MiB); its close() on most restarts
//                  (about 85%) drops the pool without freeing it, leaving it to the GC. The pool lived through more
//                  than 15 young GCs, so it is tenured: only an old-generation collection would free it, and
//                  nothing here triggers one. A small step that stays.
//   unsafe-leak    open() allocates a 8-16 MiB off-heap map with Unsafe.allocateMemory (as ChronicleMap does) and
//                  touches it; close() on most restarts (about 80%) forgets to free it. Direct memory does not see
//                  it (stays flat); the resident set grows by the map per leaking restart.
// Every kind keeps a network pool (256 x 32 KiB) for its whole life and makes heap garbage, so young GCs run every
// few seconds. Each restart interval lasts a random time in [MIN, MAX] seconds and at least MIN_YOUNG_GCS young GCs
// (default 16: what lives through an interval is then tenured, as after minutes of uptime; G1's tenuring threshold
// is at most 15). The recording starts after a warm-up.

import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

public final class TaskManagerProbe {
  static final int KiB = 1 << 10;
  static final int MiB = 1 << 20;
  static final int TICK_MS = 20;
  static int MIN_YOUNG_GCS_PER_INTERVAL = 16;

  static volatile byte[] sink;
  /** What a leaking operator keeps reachable (a registry, a thread-local, a listener never removed). */
  static final List<Object> LEAKED = new ArrayList<>();

  static Object unsafe;
  static Method invokeCleaner;
  static Method allocateMemory;
  static Method putByte;

  public static void main(String[] args) throws Exception {
    if (args.length != 7 && args.length != 8) {
      System.err.println(
          "usage: TaskManagerProbe sporadic-leak|restart-blip|gc-left-step|unsafe-leak OUT_PREFIX SEED RESTARTS"
              + " MIN_INTERVAL_S MAX_INTERVAL_S SAMPLE_MS [MIN_YOUNG_GCS]");
      System.exit(2);
    }
    String kind = args[0];
    String out = args[1];
    long seed = Long.parseLong(args[2]);
    int restarts = Integer.parseInt(args[3]);
    double minIntervalSec = Double.parseDouble(args[4]);
    double maxIntervalSec = Double.parseDouble(args[5]);
    long sampleMs = Long.parseLong(args[6]);
    if (args.length == 8) MIN_YOUNG_GCS_PER_INTERVAL = Integer.parseInt(args[7]);
    initUnsafe();
    Random random = new Random(seed);
    Operator operator = operatorFor(kind, random);
    Traffic traffic = trafficFor(kind, new Random(seed * 31 + 7));

    BufferPoolMXBean direct = null;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) direct = pool;
    }
    if (direct == null) throw new IllegalStateException("no direct BufferPoolMXBean");

    List<ByteBuffer> networkPool = new ArrayList<>();
    for (int i = 0; i < 256; i++) networkPool.add(ByteBuffer.allocateDirect(32 * KiB));

    // Warm-up: the job runs before the recording starts (as a dashboard's time range would begin), so JIT,
    // heap sizing and the first operator's buffers are settled.
    operator.open();
    traffic.runFor(8_000, MIN_YOUNG_GCS_PER_INTERVAL);

    List<Long> restartMs = new ArrayList<>();
    List<String> restartNotes = new ArrayList<>();
    long origin = System.currentTimeMillis();
    Sampler sampler = new Sampler(direct, Path.of(out + ".csv"), sampleMs, origin);
    sampler.start();
    traffic.runFor(intervalMs(random, minIntervalSec, maxIntervalSec), MIN_YOUNG_GCS_PER_INTERVAL);
    for (int r = 0; r < restarts; r++) {
      // The restart's time is when close() runs, as a failover's timestamp would be.
      restartMs.add(System.currentTimeMillis() - origin);
      restartNotes.add(operator.close());
      Thread.sleep(50 + random.nextInt(150));
      operator.open();
      traffic.runFor(intervalMs(random, minIntervalSec, maxIntervalSec), MIN_YOUNG_GCS_PER_INTERVAL);
    }
    sampler.stopAndJoin();
    writeMeta(out + ".json", kind, seed, sampleMs, restartMs, restartNotes);
    networkPool.clear();
  }

  static long intervalMs(Random random, double minSec, double maxSec) {
    return Math.round(1000 * (minSec + random.nextDouble() * (maxSec - minSec)));
  }

  static void writeMeta(String path, String kind, long seed, long sampleMs, List<Long> restartMs, List<String> notes)
      throws IOException {
    StringBuilder flags = new StringBuilder();
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flags.length() > 0) flags.append(", ");
      flags.append('"').append(flag.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    StringBuilder notesJson = new StringBuilder();
    for (String note : notes) {
      if (notesJson.length() > 0) notesJson.append(", ");
      notesJson.append('"').append(note).append('"');
    }
    try (PrintWriter w = new PrintWriter(new FileWriter(path))) {
      w.println("{");
      w.println("  \"kind\": \"" + kind + "\",");
      w.println("  \"seed\": " + seed + ",");
      w.println("  \"java\": \"" + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "\",");
      w.println("  \"jvmFlags\": [" + flags + "],");
      w.println("  \"sampleMs\": " + sampleMs + ",");
      w.println("  \"restartsMs\": " + restartMs + ",");
      w.println("  \"restartNotes\": [" + notesJson + "]");
      w.println("}");
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Operators: what open() takes and what close() gives back. close() returns a note on what it did.

  interface Operator {
    void open();

    String close() throws Exception;
  }

  static Operator operatorFor(String kind, Random random) {
    switch (kind) {
      case "sporadic-leak":
        return new SporadicLeak(random);
      case "restart-blip":
        return new RestartBlip(random);
      case "gc-left-step":
        return new GcLeftStep(random);
      case "unsafe-leak":
        return new UnsafeLeak(random);
      default:
        throw new IllegalArgumentException("unknown kind '" + kind + "'");
    }
  }

  /** A state buffer, freed on close() except on some restarts, where a registry keeps it reachable. */
  static final class SporadicLeak implements Operator {
    private final Random random;
    private final int bytes;
    private ByteBuffer state;

    SporadicLeak(Random random) {
      this.random = random;
      this.bytes = (3 + random.nextInt(4)) * MiB;
    }

    public void open() {
      state = ByteBuffer.allocateDirect(bytes);
      touch(state);
    }

    public String close() throws Exception {
      ByteBuffer old = state;
      state = null;
      if (random.nextDouble() < 0.45) {
        LEAKED.add(old);
        return "leaked " + bytes;
      }
      free(old);
      return "freed";
    }
  }

  /** State restored into large buffers right after open(), held a few seconds, then dropped for the GC. */
  static final class RestartBlip implements Operator {
    private final Random random;

    RestartBlip(Random random) {
      this.random = random;
    }

    public void open() {
      int buffers = 6 + random.nextInt(7);
      long holdMs = 2000 + random.nextInt(4000);
      List<ByteBuffer> restored = new ArrayList<>();
      for (int i = 0; i < buffers; i++) {
        ByteBuffer b = ByteBuffer.allocateDirect(4 * MiB);
        touch(b);
        restored.add(b);
      }
      Thread holder =
          new Thread(
              () -> {
                try {
                  Thread.sleep(holdMs);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                restored.clear();
              });
      holder.setDaemon(true);
      holder.start();
    }

    public String close() {
      return "restored";
    }
  }

  /** A library's buffer pool, dropped without freeing on most restarts: left for a GC that never comes. */
  static final class GcLeftStep implements Operator {
    private final Random random;
    private final int buffers;
    private List<ByteBuffer> pool = new ArrayList<>();

    GcLeftStep(Random random) {
      this.random = random;
      this.buffers = 24 + random.nextInt(25);
    }

    public void open() {
      pool = new ArrayList<>();
      for (int i = 0; i < buffers; i++) pool.add(ByteBuffer.allocateDirect(64 * KiB));
    }

    public String close() throws Exception {
      List<ByteBuffer> old = pool;
      pool = null;
      if (random.nextDouble() < 0.85) return "dropped " + (buffers * 64 * KiB);
      for (ByteBuffer b : old) free(b);
      return "freed";
    }
  }

  /** An off-heap map in Unsafe memory (invisible to the direct pool), forgotten on most restarts. */
  static final class UnsafeLeak implements Operator {
    private final Random random;
    private final long bytes;
    private long address;

    UnsafeLeak(Random random) {
      this.random = random;
      this.bytes = (8 + random.nextInt(9)) * (long) MiB;
    }

    public void open() {
      try {
        address = (long) allocateMemory.invoke(unsafe, bytes);
        for (long i = 0; i < bytes; i += 4096) putByte.invoke(unsafe, address + i, (byte) 1);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    public String close() throws Exception {
      long old = address;
      address = 0;
      if (random.nextDouble() < 0.8) return "leaked " + bytes;
      unsafe.getClass().getMethod("freeMemory", long.class).invoke(unsafe, old);
      return "freed";
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Traffic: what a running task does every tick.

  static Traffic trafficFor(String kind, Random random) {
    switch (kind) {
      case "sporadic-leak":
        return new Traffic(random, 0.6, 32 * KiB, 256 * KiB, 0);
      case "restart-blip":
        return new Traffic(random, 0.35, 32 * KiB, 256 * KiB, 3.0);
      case "gc-left-step":
        return new Traffic(random, 0.25, 32 * KiB, 192 * KiB, 0);
      case "unsafe-leak":
        return new Traffic(random, 0.4, 32 * KiB, 256 * KiB, 0);
      default:
        throw new IllegalArgumentException("unknown kind '" + kind + "'");
    }
  }

  /** RPC buffers (the last few in flight, the rest dropped for a young GC), heap garbage, large payload spikes. */
  static final class Traffic {
    private final Random random;
    private final double rpcChance;
    private final int rpcMin;
    private final int rpcMax;
    private final double spikesPerMinute;
    private final ArrayDeque<ByteBuffer> inFlight = new ArrayDeque<>();
    private final List<ByteBuffer> spike = new ArrayList<>();
    private long spikeEndsMs;

    Traffic(Random random, double rpcChance, int rpcMin, int rpcMax, double spikesPerMinute) {
      this.random = random;
      this.rpcChance = rpcChance;
      this.rpcMin = rpcMin;
      this.rpcMax = rpcMax;
      this.spikesPerMinute = spikesPerMinute;
    }

    /** Ticks for at least this long and until this many young GCs have run. */
    void runFor(long ms, int youngGcCount) throws InterruptedException {
      long start = System.currentTimeMillis();
      long gcs = youngGcs();
      while (System.currentTimeMillis() - start < ms || youngGcs() - gcs < youngGcCount) tick();
    }

    private void tick() throws InterruptedException {
      long now = System.currentTimeMillis();
      if (random.nextDouble() < rpcChance) {
        int size = rpcMin + random.nextInt(rpcMax - rpcMin + 1);
        inFlight.addLast(ByteBuffer.allocateDirect(size));
        if (inFlight.size() > 8) inFlight.removeFirst();
      }
      if (!spike.isEmpty() && now >= spikeEndsMs) spike.clear();
      if (spike.isEmpty() && random.nextDouble() < spikesPerMinute * TICK_MS / 60_000.0) {
        int buffers = 2 + random.nextInt(7);
        for (int i = 0; i < buffers; i++) spike.add(ByteBuffer.allocateDirect(4 * MiB));
        spikeEndsMs = now + 200 + random.nextInt(1300);
      }
      for (int k = 0; k < 4; k++) sink = new byte[32 * KiB];
      Thread.sleep(TICK_MS);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  static void touch(ByteBuffer b) {
    for (int i = 0; i < b.capacity(); i += 4096) b.put(i, (byte) 1);
  }

  static void free(ByteBuffer b) throws ReflectiveOperationException {
    invokeCleaner.invoke(unsafe, b);
  }

  static void initUnsafe() throws ReflectiveOperationException {
    Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
    Field field = unsafeClass.getDeclaredField("theUnsafe");
    field.setAccessible(true);
    unsafe = field.get(null);
    invokeCleaner = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
    allocateMemory = unsafeClass.getMethod("allocateMemory", long.class);
    putByte = unsafeClass.getMethod("putByte", long.class, byte.class);
  }

  static long youngGcs() {
    long count = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc.getName().contains("Young")) count += gc.getCollectionCount();
    }
    return count;
  }

  /** Resident set size from /proc/self/status (VmRSS, in KiB as the kernel gives it); -1 elsewhere. */
  static long residentKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** Reads MemoryUsed and RSS every sampleMs on its own thread, as a metrics reporter would. */
  static final class Sampler extends Thread {
    private final BufferPoolMXBean pool;
    private final PrintWriter out;
    private final long sampleMs;
    private final long origin;
    private volatile boolean running = true;

    Sampler(BufferPoolMXBean pool, Path csv, long sampleMs, long origin) throws IOException {
      this.pool = pool;
      this.out = new PrintWriter(Files.newBufferedWriter(csv));
      this.sampleMs = sampleMs;
      this.origin = origin;
      setDaemon(true);
      out.println("time_ms,direct_bytes,rss_kib");
    }

    @Override
    public void run() {
      long next = origin;
      while (running) {
        out.println((System.currentTimeMillis() - origin) + "," + pool.getMemoryUsed() + "," + residentKib());
        next += sampleMs;
        long wait = next - System.currentTimeMillis();
        if (wait > 0) {
          try {
            Thread.sleep(wait);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }

    void stopAndJoin() throws InterruptedException {
      running = false;
      join();
      out.close();
    }
  }
}
