/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.faascache.FaasCache;
import dev.faascache.Ticker;
import dev.faascache.spring.CacheCoherence;
import dev.faascache.spring.CircuitBreaker;
import dev.faascache.spring.Coherence;
import dev.faascache.spring.FaasCacheManager;
import dev.faascache.spring.FaasSpringCache;
import dev.faascache.spring.SecondLevel;
import dev.faascache.spring.TrustedClasses;
import dev.faascache.spring.TwoLevelFaasSpringCache;
import dev.faascache.spring.redis.RedisSecondLevelConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.runner.RunnerException;

import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The starter's two-level cache on a local {@code redis-server} (started from the {@code PATH} on
 * a free port): reads that hit the heap, with the heap alone, with a second level, and with a
 * second level whose heaps are kept coherent; and the delay until an eviction on one instance has
 * dropped the entry from the heap of another (two managers in one JVM, each with its own Redis
 * connections), measured as the time from the eviction until the other heap no longer holds it.
 * <pre class="code">
 * java -jar faas-cache-benchmarks/target/benchmarks.jar --only coherence
 * </pre>
 */
@State(Scope.Benchmark)
public class CoherenceBenchmark {

	/** The longest an announcement may take to reach the other instance before the run fails. */
	static final Duration PROPAGATION_LIMIT = Duration.ofSeconds(10);

	static final int ITEMS = 10_000;

	/**
	 * How the cache is set up.
	 */
	public enum Setting {

		/** A {@code FaasSpringCache}, no second level. */
		HEAP_ONLY,

		/** A two-level cache, coherence off. */
		TWO_LEVEL,

		/** A two-level cache whose heap is kept coherent. */
		COHERENT

	}

	@Param({ "HEAP_ONLY", "TWO_LEVEL", "COHERENT" })
	public Setting setting;

	private Process redis;

	private final List<RedisSecondLevelConnection> connections = new ArrayList<>();

	private final List<LettuceConnectionFactory> factories = new ArrayList<>();

	private Cache cache;

	private Cache other;

	private Integer[] sequence;

	@Setup
	public void setup() throws Exception {
		Integer[] keys = Keys.distinct(ITEMS);
		if (this.setting == Setting.HEAP_ONLY) {
			this.cache = manager(null).getCache("products");
		}
		else {
			int port = startRedis();
			this.cache = manager(secondLevel(port)).getCache("products");
			this.other = manager(secondLevel(port)).getCache("products");
		}
		for (Integer key : keys) {
			this.cache.put(key, "product " + key);
		}
		this.sequence = Keys.zipf(keys, 1);
	}

	@TearDown
	public void tearDown() throws Exception {
		for (RedisSecondLevelConnection connection : this.connections) {
			connection.stop();
			connection.destroy();
		}
		for (LettuceConnectionFactory factory : this.factories) {
			factory.destroy();
		}
		if (this.redis != null) {
			this.redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Benchmark
	@Threads(1)
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public Object getHit_1thread(KeyCursor cursor) {
		return this.cache.get(cursor.next(this.sequence));
	}

	@Benchmark
	@Threads(2)
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public Object getHit_2threads(KeyCursor cursor) {
		return this.cache.get(cursor.next(this.sequence));
	}

	/**
	 * Evict a key on one instance and wait until the other's heap has dropped it: from the call
	 * of the eviction, which waits for Redis' {@code DEL}, to the other heap's removal.
	 */
	@Benchmark
	@Threads(1)
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public void propagation(Rearm rearm) {
		this.cache.evict(1);
		FaasCache<?, ?> otherHeap = (FaasCache<?, ?>) this.other.getNativeCache();
		awaitPropagation(() -> !otherHeap.containsKey(1), "drop the evicted key");
	}

	/**
	 * Wait for the other instance to act on an announcement, for {@link #PROPAGATION_LIMIT} at
	 * most: an announcement that fails (a command timeout opens the breaker, and a change skipped
	 * then is not announced again) fails the benchmark with a message rather than hanging it.
	 */
	static void awaitPropagation(BooleanSupplier done, String what) {
		long deadline = System.nanoTime() + PROPAGATION_LIMIT.toNanos();
		while (!done.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The other instance did not " + what + " within "
						+ PROPAGATION_LIMIT + ": the announcement was lost (see the log for a failed command)");
			}
			Thread.onSpinWait();
		}
	}

	/**
	 * Puts the key back before each eviction: written on one instance, once the other received
	 * the announcement of that write, read on the other, which caches it in its heap.
	 */
	@State(Scope.Thread)
	public static class Rearm {

		@Setup(Level.Invocation)
		public void rearm(CoherenceBenchmark benchmark) {
			CacheCoherence otherCoherence = ((TwoLevelFaasSpringCache) benchmark.other).getCoherence();
			long received = otherCoherence.invalidationCount();
			benchmark.cache.put(1, "product 1");
			awaitPropagation(() -> otherCoherence.invalidationCount() != received, "receive the announcement of a put");
			benchmark.other.get(1);
			if (!((FaasCache<?, ?>) benchmark.other.getNativeCache()).containsKey(1)) {
				throw new IllegalStateException("The other instance did not cache the key it read");
			}
		}

	}

	private static FaasCacheManager manager(SecondLevel secondLevel) {
		FaasCacheManager manager = new FaasCacheManager((name) -> FaasCache.builder().maxItems(2L * ITEMS).build());
		manager.setSecondLevel(secondLevel);
		return manager;
	}

	private SecondLevel secondLevel(int port) {
		LettuceConnectionFactory application = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		application.afterPropertiesSet();
		this.factories.add(application);
		RedisSecondLevelConnection connection = new RedisSecondLevelConnection(application, true,
				Duration.ofMillis(250), Duration.ofSeconds(1));
		this.connections.add(connection);
		RedisCacheManager redisCaches = connection.cacheManager(
				RedisCacheWriter.nonLockingRedisCacheWriter(connection.getConnectionFactory()),
				RedisCacheConfiguration.defaultCacheConfig(), Map.of());
		Ticker ticker = Ticker.systemTicker();
		CircuitBreaker breaker = new CircuitBreaker(ticker, 3, Duration.ofSeconds(10), connection::reconnect);
		Coherence coherence = null;
		if (this.setting == Setting.COHERENT) {
			coherence = new Coherence(connection.coherenceTransport(""), ticker, Duration.ofSeconds(1),
					Duration.ofMinutes(1), (name) -> true, new TrustedClasses(List.of(), getClass().getClassLoader()));
			coherence.start();
		}
		return new SecondLevel(redisCaches::getCache, breaker, ticker, Duration.ofMinutes(1), (ex) -> false, null,
				coherence);
	}

	private int startRedis() throws IOException, InterruptedException {
		Path server = redisServer().orElseThrow(() -> new IllegalStateException(
				"CoherenceBenchmark needs a redis-server on the PATH"));
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		this.redis = new ProcessBuilder(server.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		for (int attempt = 0; attempt < 200; attempt++) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				if (socket.isConnected()) {
					return port;
				}
			}
			catch (IOException notYet) {
				Thread.sleep(25);
			}
		}
		throw new IllegalStateException(server + " did not start on port " + port);
	}

	static Optional<Path> redisServer() {
		return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.map((directory) -> Path.of(directory, "redis-server"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Run the benchmark and return its table, or a line that says why it did not run.
	 */
	static String table(Jmh jmh, String caption) throws RunnerException {
		StringBuilder table = new StringBuilder("### Coherence: get that hits the heap, and the propagation of an ")
			.append("eviction\n\n")
			.append(caption)
			.append("\n\n");
		if (redisServer().isEmpty()) {
			return table.append("Not run: no redis-server on the PATH.\n\n").toString();
		}
		Jmh.Results gets = jmh.run(CoherenceBenchmark.class, "getHit_.*");
		Jmh.Results delay = jmh.run(CoherenceBenchmark.class, "propagation", "setting", Setting.COHERENT.name());
		table.append("| cache | get that hits, 1 thread (ops/µs) | 2 threads (ops/µs) |\n| --- | ---: | ---: |\n");
		for (Setting setting : Setting.values()) {
			table.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", setting,
					gets.score("getHit_1thread", setting).format(1), gets.score("getHit_2threads", setting).format(1)));
		}
		table.append(String.format(Locale.ROOT,
				"%nPropagation: from the call of an eviction on one instance, which waits for Redis' DEL, until "
						+ "the other's heap dropped the entry: %s µs on average.%n%n",
				delay.score("propagation", Setting.COHERENT).format(0)));
		return table.toString();
	}

}
