// Test material (not app code): a real JVM serving /metrics the way Flink's Prometheus reporter does (names,
// labels, the Java simpleclient's trailing comma, E notation), with its direct memory read from the
// BufferPoolMXBean while it leaks one 1 MiB direct buffer every 300 ms (up to 64), so a Prometheus scraping it
// records a rising Status.JVM.Memory.Direct.MemoryUsed.
//
// Usage: java MetricsEndpointProbe PORT TM_ID   (prints "listening PORT" once it serves)

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

public final class MetricsEndpointProbe {
  static final List<ByteBuffer> leaked = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String tmId = args[1];
    BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/metrics", exchange -> {
      String labels;
      long used;
      long count;
      long heap;
      synchronized (leaked) {
        used = direct.getMemoryUsed();
        count = direct.getCount();
        heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
      }
      labels = "{host=\"127_0_0_1\",tm_id=\"" + tmId + "\",}";
      StringBuilder body = new StringBuilder();
      gauge(body, "flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed", labels, used);
      gauge(body, "flink_taskmanager_Status_JVM_Memory_Direct_Count", labels, count);
      gauge(body, "flink_taskmanager_Status_JVM_Memory_Heap_Used", labels, heap);
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    System.out.println("listening " + port);
    System.out.flush();
    while (true) {
      Thread.sleep(300);
      synchronized (leaked) {
        if (leaked.size() < 64) leaked.add(ByteBuffer.allocateDirect(1 << 20));
      }
    }
  }

  // Java's Double.toString writes 1.048576E7: the E notation Flink's reporter output carries.
  static void gauge(StringBuilder body, String name, String labels, long value) {
    body.append("# HELP ").append(name).append(' ').append(name).append('\n');
    body.append("# TYPE ").append(name).append(" gauge\n");
    body.append(name).append(labels).append(' ').append(Double.toString((double) value).toUpperCase(Locale.ROOT)).append('\n');
  }
}
